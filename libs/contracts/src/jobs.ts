/** BullMQ queues and their job payloads: the one source of job names. */
export const Queues = {
  /** Process Roster Import: validate a case's file and apply it (import-service). */
  RosterImport: 'roster-import',
  /** The 10-business-day SLA checks of link requests (link-request-service). */
  LinkRequestSla: 'link-request-sla',
  /** Render a letter's PDF, then hand it to delivery (notification-service). */
  LetterRender: 'letter-render',
  LetterDelivery: 'letter-delivery',
  /** E-mail the back-office team about an SLA breach (notification-service). */
  TeamAlertEmail: 'team-alert-email',
} as const;

export interface JobPayloads {
  'roster-import': { caseNumber: string };
  /** A sweep over every open request; PostgreSQL holds the due dates. */
  'link-request-sla': Record<string, never>;
  'letter-render': { letterId: string };
  'letter-delivery': { letterId: string };
  'team-alert-email': { notificationId: string };
}

/** A BullMQ queue of the contract (`Queues`), by its name. */
export type QueueName = keyof JobPayloads;

/** How the jobs of one queue are added: the job name BullMQ shows, and the id that names the work. */
export interface JobKind<Q extends QueueName> {
  jobName: string;
  /**
   * One id per piece of work (a case, a letter's step): adding a job whose id is taken adds
   * nothing, so queuing twice is harmless.
   */
  jobId(payload: JobPayloads[Q]): string;
}

/**
 * Every queue's job name and id builder. The mapped type makes a queue added to `JobPayloads`
 * fail to compile here until its jobs are declared. The values are published (SRE sees them in
 * Redis and in BullMQ tooling): never change one.
 */
export const JOB_KINDS: { readonly [Q in QueueName]: JobKind<Q> } = {
  'roster-import': { jobName: 'roster-import', jobId: ({ caseNumber }) => caseNumber },
  // Added by BullMQ's job scheduler (link-request-service), which names the schedule, not the job.
  'link-request-sla': { jobName: 'sweep', jobId: () => 'link-request-sla-sweep' },
  'letter-render': { jobName: 'render', jobId: ({ letterId }) => `render-${letterId}` },
  'letter-delivery': { jobName: 'deliver', jobId: ({ letterId }) => `deliver-${letterId}` },
  'team-alert-email': { jobName: 'email', jobId: ({ notificationId }) => `team-alert-${notificationId}` },
};

/** The id of the job that does `payload`'s work on the queue of `name`. */
export function jobIdOf<Q extends QueueName>(name: Q, payload: JobPayloads[Q]): string {
  return JOB_KINDS[name].jobId(payload);
}
