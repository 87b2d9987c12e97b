import 'reflect-metadata';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Module, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queues } from '@rosterlink/contracts';
import { JobProcessorsCheckModule, JobProcessorsError, processorProblems } from './jobs-check.module';

// No BullModule here: the check reads the @Processor metadata of the registered providers, so
// these tests need no Redis, and no worker is ever started.
@Processor(Queues.LetterRender)
class RendersLetters extends WorkerHost {
  async process(): Promise<void> {}
}

@Processor(Queues.LetterRender)
class RendersLettersToo extends WorkerHost {
  async process(): Promise<void> {}
}

@Processor(Queues.LetterDelivery)
class DeliversLetters extends WorkerHost {
  async process(): Promise<void> {}
}

@Processor(Queues.RosterImport)
class ImportsRosters extends WorkerHost {
  async process(): Promise<void> {}
}

/** Processors may sit in any module of the application, as in a service's feature modules. */
@Module({ providers: [DeliversLetters] })
class DeliveryFeature {}

async function bootstrap(queues: Parameters<typeof JobProcessorsCheckModule.forQueues>[0], providers: Type<WorkerHost>[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [JobProcessorsCheckModule.forQueues(queues), DeliveryFeature],
    providers,
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('JobProcessorsCheckModule', () => {
  it('starts when each declared queue has exactly one processor', async () => {
    const moduleRef = await bootstrap([Queues.LetterRender, Queues.LetterDelivery], [RendersLetters]);
    await moduleRef.close();
  });

  it('fails start-up when a declared queue has no processor', async () => {
    const started = bootstrap([Queues.LetterRender, Queues.LetterDelivery, Queues.TeamAlertEmail], [RendersLetters]);
    await expect(started).rejects.toThrow(JobProcessorsError);
    await expect(started).rejects.toThrow('queue "team-alert-email" has no @Processor');
  });

  it('fails start-up when a declared queue has two processors, naming both', async () => {
    const started = bootstrap([Queues.LetterRender, Queues.LetterDelivery], [RendersLetters, RendersLettersToo]);
    await expect(started).rejects.toThrow(JobProcessorsError);
    await expect(started).rejects.toThrow('queue "letter-render" has 2 processors (RendersLetters, RendersLettersToo); it must have one');
  });

  it('fails start-up when a processor works a queue the service does not declare', async () => {
    const started = bootstrap([Queues.LetterRender, Queues.LetterDelivery], [RendersLetters, ImportsRosters]);
    await expect(started).rejects.toThrow('ImportsRosters processes queue "roster-import", which this service does not declare');
  });

  it('finds a processor given as a value provider by its instance', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [JobProcessorsCheckModule.forQueues([Queues.LetterRender, Queues.LetterDelivery]), DeliveryFeature],
      providers: [{ provide: 'renderer', useValue: new RendersLetters() }],
    }).compile();
    await moduleRef.close();
  });
});

describe('processorProblems', () => {
  it('names every problem at once', () => {
    expect(
      processorProblems(
        ['letter-render', 'letter-delivery'],
        [
          { processor: 'A', queue: 'letter-render' },
          { processor: 'B', queue: 'letter-render' },
          { processor: 'C', queue: 'roster-import' },
        ],
      ),
    ).toEqual([
      'queue "letter-render" has 2 processors (A, B); it must have one',
      'queue "letter-delivery" has no @Processor',
      'C processes queue "roster-import", which this service does not declare',
    ]);
  });
});
