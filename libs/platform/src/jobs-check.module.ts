import { DynamicModule, Module, Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
// The key @Processor() writes its queue under; @nestjs/bullmq reads it the same way (BullMetadataAccessor).
import { PROCESSOR_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import type { QueueName } from '@rosterlink/contracts';

/** A `@Processor` class found among the application's providers, and the queue it works. */
export interface RegisteredProcessor {
  processor: string;
  queue: string;
}

/**
 * The problems with a service's processors: a declared queue with no processor (its jobs would
 * wait forever), one with two (each job would go to either), and a processor of a queue the
 * service does not declare. Empty when each declared queue has exactly one processor.
 */
export function processorProblems(declared: readonly string[], processors: readonly RegisteredProcessor[]): string[] {
  const problems: string[] = [];
  for (const queue of declared) {
    const of = processors.filter((p) => p.queue === queue).map((p) => p.processor);
    if (of.length === 0) problems.push(`queue "${queue}" has no @Processor`);
    if (of.length > 1) problems.push(`queue "${queue}" has ${of.length} processors (${of.join(', ')}); it must have one`);
  }
  for (const { processor, queue } of processors) {
    if (!declared.includes(queue)) problems.push(`${processor} processes queue "${queue}", which this service does not declare`);
  }
  return problems;
}

function processorClassOf(wrapper: InstanceWrapper): Type<unknown> | undefined {
  // As @nestjs/bullmq finds them: a class provider by its class; a value or factory provider by its instance.
  const candidate = !wrapper.metatype || wrapper.inject ? (wrapper.instance as object | undefined)?.constructor : wrapper.metatype;
  return typeof candidate === 'function' ? (candidate as Type<unknown>) : undefined;
}

/** The application's `@Processor` classes, from the providers Nest has registered. */
export function registeredProcessors(discovery: DiscoveryService): RegisteredProcessor[] {
  const found: RegisteredProcessor[] = [];
  for (const wrapper of discovery.getProviders()) {
    const processorClass = processorClassOf(wrapper);
    if (!processorClass) continue;
    const metadata = Reflect.getMetadata(PROCESSOR_METADATA, processorClass) as { name?: string } | undefined;
    if (metadata) found.push({ processor: processorClass.name, queue: metadata.name ?? '(unnamed)' });
  }
  return found;
}

/** Thrown at start-up when the service's queues and processors do not pair one to one. */
export class JobProcessorsError extends Error {
  constructor(problems: string[]) {
    super(`Job processors do not match the service's queues: ${problems.join('; ')}`);
    this.name = 'JobProcessorsError';
  }
}

const PROCESSORS_CHECKED = Symbol('PROCESSORS_CHECKED');

/**
 * Checks, while the application is being built, that each queue the service declares has exactly
 * one `@Processor` and that no processor works an undeclared queue; otherwise start-up fails with
 * the problems named. The check runs when providers are created, before @nestjs/bullmq starts any
 * worker (it does so in its module's onModuleInit), so a mis-wired service never takes a job.
 * Processors must be class providers (as @nestjs/bullmq expects them).
 */
@Module({})
export class JobProcessorsCheckModule {
  static forQueues(queues: readonly QueueName[]): DynamicModule {
    return {
      module: JobProcessorsCheckModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: PROCESSORS_CHECKED,
          inject: [DiscoveryService],
          useFactory: (discovery: DiscoveryService) => {
            const problems = processorProblems(queues, registeredProcessors(discovery));
            if (problems.length > 0) throw new JobProcessorsError(problems);
            return true;
          },
        },
      ],
    };
  }
}
