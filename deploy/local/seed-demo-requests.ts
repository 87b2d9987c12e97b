/**
 * Demo link requests at the demo locations, so that the demo queue always has some on track, some in
 * WARNING and at least two BREACHED. Each goes through link-request-service's own submit use case
 * (its rules, due date, history and outbox event), booted here as a Nest application context with the
 * Clock port set to a past morning; the running service's SLA sweep then flags and announces them.
 *   node -r @swc-node/register deploy/local/seed-demo-requests.ts      (swc: Nest needs decorator metadata)
 * Environment: the service's (DATABASE_URL, KAFKA_BROKERS, …). Idempotent: a request the seed made before
 * (same demo user, location and provider) is not made again, whatever its status now.
 */
import { HttpException, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, isLinkable } from '@rosterlink/contracts';
import { loadConfig, ServicePlatformModule } from '@rosterlink/platform';
import { demoIndividuals, ManualClock } from '@rosterlink/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the seed runs the service's own submit use case in-process, as its benches do */
import { LINK_REQUEST_SERVICE } from '../../services/link-request-service/src/app.module';
import { BusinessCalendarRepository } from '../../services/link-request-service/src/business-calendar/business-calendar.repository';
import { BusinessCalendarService } from '../../services/link-request-service/src/business-calendar/business-calendar.service';
import { Closure } from '../../services/link-request-service/src/business-calendar/closure.entity';
import { LinkRequestRepository } from '../../services/link-request-service/src/link-request/link-request.repository';
import { SubmitLinkRequest } from '../../services/link-request-service/src/submit-link-request/submit-link-request.handler';
/* eslint-enable @nx/enforce-module-boundaries */
import { DEMO_USERS } from './demo-users';

/** Business days before today each demo request was submitted: 10 is due today (WARNING), more is BREACHED. */
const BUSINESS_DAYS_AGO = [1, 3, 5, 8, 9, 10, 12, 15];
const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const config = loadConfig(LINK_REQUEST_SERVICE.configClass, process.env);
  const clock = new ManualClock(new Date());

  @Module({
    imports: [
      ServicePlatformModule.forRoot({ serviceName: `${LINK_REQUEST_SERVICE.name}-demo-seed`, config, database: LINK_REQUEST_SERVICE.database, grants: LINK_REQUEST_SERVICE.grants, clock }),
      TypeOrmModule.forFeature([Closure]),
    ],
    providers: [SubmitLinkRequest, LinkRequestRepository, BusinessCalendarService, BusinessCalendarRepository],
  })
  class SeedModule {}

  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error'] });
  try {
    const db = app.get(DataSource);
    const submit = app.get(SubmitLinkRequest);
    const calendar = await app.get(BusinessCalendarService).calendar();
    const users = DEMO_USERS.filter((u) => u.roles.includes('provider'));
    const locations = users.flatMap((u) => u.grants.map((pidsl) => ({ user: u, pidsl })));
    const providers = demoIndividuals(200).filter((p) => isLinkable(p.providerType));
    const today = businessDateOf(new Date());
    const effectiveDate = businessDateOf(new Date(Date.now() + 30 * DAY_MS));

    for (const [i, ago] of BUSINESS_DAYS_AGO.entries()) {
      const { user, pidsl } = locations[i % locations.length];
      const provider = providers[i];
      const [done] = await db.query(
        'SELECT 1 FROM link_request.link_requests WHERE submitted_by = $1 AND pidsl = $2 AND provider_pid = $3',
        [user.sub, pidsl, provider.pid],
      );
      if (done) {
        console.log(`[seed-requests] ${pidsl} provider ${provider.pid}: made before`);
        continue;
      }
      let day = today;
      for (let counted = 0; counted < ago; ) {
        day = businessDateOf(new Date(Date.parse(`${day}T12:00:00Z`) - DAY_MS));
        if (calendar.isBusinessDay(day)) counted++;
      }
      clock.set(new Date(`${day}T14:30:00Z`)); // mid-morning in Boston
      try {
        const request = await submit.execute({
          kind: 'LINK',
          pidsl,
          servicingProviderId: provider.pid,
          effectiveDate,
          user: new AuthenticatedUser(user.sub, user.name, user.roles, user.grants),
        });
        console.log(`[seed-requests] ${pidsl} provider ${provider.pid}: submitted ${day}, due ${request.dueDate} (${calendar.slaState(today, request.dueDate)} today)`);
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        console.log(`[seed-requests] ${pidsl} provider ${provider.pid}: skipped (${error.message})`);
      }
    }
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(`[seed-requests] failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
