/** BullMQ queues and their job payloads: the one source of job names. */
export const Queues = {
  /** Process Roster Import: validate a case's file and apply it (import-service). */
  RosterImport: 'roster-import',
} as const;

export interface JobPayloads {
  'roster-import': { caseNumber: string };
}
