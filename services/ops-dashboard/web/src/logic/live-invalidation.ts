import type { LiveChange } from '../types';

/** Which cached queries (by their first key) an event makes stale. */
export function staleQueriesOf(change: LiveChange): string[] {
  if (change.topic.startsWith('roster-import.')) return ['cases', 'case', 'case-status-totals'];
  if (change.topic === 'letter.sent.v1') return ['letters'];
  if (change.topic.startsWith('link-request.')) return ['link-requests', 'link-request', 'letters'];
  return [];
}

/** One line for the screen reader and the activity strip; identifiers only. */
export function describeChange(change: LiveChange): string {
  switch (change.topic) {
    case 'link-request.submitted.v1':
      return `New link request at ${change.key}`;
    case 'link-request.processed.v1':
      return `Link request decided at ${change.key}`;
    case 'link-request.sla-warning.v1':
      return `SLA warning for a request at ${change.key}`;
    case 'link-request.sla-breached.v1':
      return `SLA breached for a request at ${change.key}`;
    case 'roster-import.case-created.v1':
      return `New roster-import case ${change.caseNumber ?? ''} for group ${change.key}`.replace('  ', ' ');
    case 'roster-import.completed.v1':
      return `Roster-import case ${change.caseNumber ?? ''} finished for group ${change.key}`.replace('  ', ' ');
    case 'letter.sent.v1':
      return `Letter sent for ${change.key}`;
    default:
      return `Update on ${change.topic}`;
  }
}
