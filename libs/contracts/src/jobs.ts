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
