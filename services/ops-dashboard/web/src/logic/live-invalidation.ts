import { Topics } from '@rosterlink/contracts/browser';
import type { LiveChange } from '../types';

/** Which cached queries (by their first key) an event makes stale. */
export function staleQueriesOf(change: LiveChange): string[] {
  if (change.topic.startsWith('roster-import.')) return ['cases', 'case', 'case-status-totals'];
  if (change.topic === Topics.LetterSent) return ['letters'];
  if (change.topic.startsWith('link-request.')) return ['link-requests', 'link-request', 'letters'];
  return [];
}

/** One line for the screen reader and the activity strip; identifiers only. */
export function describeChange(change: LiveChange): string {
  switch (change.topic) {
    case Topics.LinkRequestSubmitted:
      return `New link request at ${change.key}`;
    case Topics.LinkRequestProcessed:
      return `Link request decided at ${change.key}`;
    case Topics.LinkRequestSlaWarning:
      return `SLA warning for a request at ${change.key}`;
    case Topics.LinkRequestSlaBreached:
      return `SLA breached for a request at ${change.key}`;
    case Topics.LinkRequestAssigned:
      return `Link request at ${change.key} assigned`;
    case Topics.LinkRequestNoteAdded:
      return `Note added to a request at ${change.key}`;
    case Topics.RosterImportCaseCreated:
      return `New roster-import case ${change.caseNumber ?? ''} for group ${change.key}`.replace('  ', ' ');
    case Topics.RosterImportCompleted:
      return `Roster-import case ${change.caseNumber ?? ''} finished for group ${change.key}`.replace('  ', ' ');
    case Topics.LetterSent:
      return `Letter sent for ${change.key}`;
    default:
      return `Update on ${change.topic}`;
  }
}
