import { BusinessCalendar } from '@rosterlink/business-calendar';
import type { LinkRequestAssigneeView, LinkRequestNoteView, LinkRequestView } from '@rosterlink/contracts';
import { LinkRequestNoteRecord, LinkRequestRecord, ProviderMasterNames } from '../link-request/link-request.repository';
import { slaStanding, slaStartDateFor } from '../link-request/link-request.rules';

/**
 * A request as the queue shows it, on `today`. `internal`: the caller is back office or an admin,
 * who also see whom it is assigned to.
 */
export function linkRequestView(
  request: LinkRequestRecord & Partial<ProviderMasterNames>,
  calendar: BusinessCalendar,
  today: string,
  internal: boolean,
): LinkRequestView {
  const slaStartDate = slaStartDateFor(request.submittedAt, calendar);
  const { businessDaysRemaining, slaState } = slaStanding({ status: request.status, dueDate: request.dueDate, slaStartDate }, calendar, today);
  return {
    requestId: request.requestId,
    kind: request.kind,
    pidsl: request.pidsl,
    groupName: request.groupName ?? null,
    dbaName: request.dbaName ?? null,
    provider: {
      providerId: request.providerPid,
      npi: request.npi,
      firstName: request.firstName,
      lastName: request.lastName,
      providerType: request.providerType,
    },
    effectiveDate: request.effectiveDate,
    endDate: request.endDate,
    status: request.status,
    submittedAt: request.submittedAt.toISOString(),
    dueDate: request.dueDate,
    slaStartDate,
    businessDaysRemaining,
    slaState,
    slaWarningAt: request.slaWarningAt?.toISOString() ?? null,
    slaBreachedAt: request.slaBreachedAt?.toISOString() ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    reason: request.decisionReason,
    ...(internal ? { assignee: assigneeView(request) } : {}),
  };
}

function assigneeView(request: LinkRequestRecord): LinkRequestAssigneeView | null {
  if (request.assigneeId === null || request.assigneeName === null || request.assignedAt === null) return null;
  return { userId: request.assigneeId, name: request.assigneeName, assignedAt: request.assignedAt.toISOString() };
}

export function linkRequestNoteView(note: LinkRequestNoteRecord): LinkRequestNoteView {
  return {
    noteId: note.noteId,
    requestId: note.requestId,
    author: { userId: note.authorId, name: note.authorName },
    text: note.text,
    createdAt: note.createdAt.toISOString(),
  };
}

/** The export's header row (`GET /link-requests/export.csv`). */
export const LINK_REQUEST_CSV_HEADER = [
  'Request ID',
  'Kind',
  'Provider',
  'NPI',
  'Provider type',
  'PID/SL',
  'Group',
  'DBA',
  'Status',
  'Submitted',
  'Due date',
  'Business days left',
  'SLA',
  'Assignee',
  'Decided',
  'Decided by',
] as const;

/** A request's export row: its values as the queue shows them, in LINK_REQUEST_CSV_HEADER's order (toCsvLine escapes them). */
export function linkRequestCsvValues(view: LinkRequestView): (string | number | null)[] {
  return [
    view.requestId,
    view.kind,
    `${view.provider.lastName}, ${view.provider.firstName}`,
    view.provider.npi,
    view.provider.providerType,
    view.pidsl,
    view.groupName,
    view.dbaName,
    view.status,
    view.submittedAt,
    view.dueDate,
    view.businessDaysRemaining,
    view.slaState,
    view.assignee?.name ?? null,
    view.decidedAt,
    view.decidedBy,
  ];
}
