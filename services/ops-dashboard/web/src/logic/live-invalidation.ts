import { Topics } from '@rosterlink/contracts/browser';
import type { LiveChange } from '../types';

/** The dashboard's cached queries by their first key, for what live updates make stale. */
export const QueryKeys = {
  linkRequests: 'link-requests',
  linkRequest: 'link-request',
  linkRequestSummary: 'link-request-summary',
  decisionContext: 'link-request-context',
  groupPractitioners: 'group-practitioners',
  cases: 'cases',
  case: 'case',
  caseSummary: 'case-summary',
  letters: 'letters',
  letterSummary: 'letter-summary',
  search: 'search',
  closures: 'closures',
  calendarAudit: 'calendar-audit',
} as const;

/** What a closure change moves: the calendar, its audit, and every open request's due date (the queue, its counts, the requests). */
export const CALENDAR_CHANGE_QUERIES: readonly string[] = [
  QueryKeys.closures,
  QueryKeys.calendarAudit,
  QueryKeys.linkRequests,
  QueryKeys.linkRequest,
  QueryKeys.linkRequestSummary,
  QueryKeys.decisionContext,
];

/** Which cached queries (by their first key) an event makes stale. */
export function staleQueriesOf(change: LiveChange): string[] {
  const k = QueryKeys;
  if (change.topic.startsWith('roster-import.')) return [k.cases, k.case, k.caseSummary, k.groupPractitioners, k.search];
  if (change.topic === Topics.LetterSent) return [k.letters, k.letterSummary, k.search];
  // Another admin added a closure or took one back.
  if (change.topic === Topics.BusinessCalendarChanged) return [...CALENDAR_CHANGE_QUERIES];
  // A note changes the request's thread only.
  if (change.topic === Topics.LinkRequestNoteAdded) return [k.linkRequest];
  if (change.topic.startsWith('link-request.')) {
    // A new or decided request changes the other open requests and links of its provider's context; a decision makes a letter.
    return [k.linkRequests, k.linkRequest, k.linkRequestSummary, k.decisionContext, k.letters, k.letterSummary, k.search];
  }
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
    case Topics.BusinessCalendarChanged:
      return 'Business calendar changed: due dates recounted';
    default:
      return `Update on ${change.topic}`;
  }
}
