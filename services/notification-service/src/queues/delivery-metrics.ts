import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { LetterRepository } from '../letter/letter.repository';
import { TeamAlertEmailRepository } from '../team-alert-email/team-alert-email.repository';

/**
 * Letters and team alert e-mails by status, read from PostgreSQL at scrape time: SRE alerts on
 * `rosterlink_letters{status="FAILED"} > 0`, and a growing PENDING/RENDERED count shows a stuck queue.
 */
@Injectable()
export class DeliveryMetrics {
  constructor(letters: LetterRepository, teamAlertEmails: TeamAlertEmailRepository, @Inject(Registry) registry: Registry) {
    for (const [name, help, countByStatus] of [
      ['rosterlink_letters', 'letters by status', () => letters.countByStatus()],
      ['rosterlink_team_alert_emails', 'team alert emails by status', () => teamAlertEmails.countByStatus()],
    ] as const) {
      new Gauge({
        name,
        help,
        labelNames: ['status'],
        registers: [registry],
        async collect() {
          // Every status is reported, zero included, so an alert on FAILED has a series to watch.
          for (const [status, n] of Object.entries(await countByStatus())) this.set({ status }, n);
        },
      });
    }
  }
}
