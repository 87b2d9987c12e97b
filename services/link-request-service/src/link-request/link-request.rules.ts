import { BusinessCalendar } from '@rosterlink/business-calendar';
import {
  businessDateOf,
  LINK_REQUEST_DAYS_LEFT_LABELS,
  LINK_REQUEST_WORK_ACTIONS,
  LinkRequestDaysLeftLabel,
  LinkRequestDecision,
  LinkRequestKind,
  LinkRequestStatus,
  LinkRequestWorkAction,
  notLinkableReason,
  ProviderType,
  SLA_STATES,
  SlaState,
} from '@rosterlink/contracts';

/**
 * The rules of a link request, pure: its status machine, the POSC checks a submission must pass,
 * the SLA's due dates, and the wording of every refusal. No database and no framework: the use
 * cases load the facts through LinkRequestRepository, ask these rules, and turn a Refusal into
 * the HTTP answer (refusal-exception.ts).
 */

/** A request waiting for back office: the only status a decision or the SLA sweep acts on. */
export const OPEN_STATUS = 'SUBMITTED' satisfies LinkRequestStatus;

/** The certification wording the portal shows; stored with each request so an audit knows what was agreed. */
export const ATTESTATION_VERSION = 'POSC-GROUP-LINK-2024-11';

/** Who the history names for the SLA sweep's entries. */
export const SLA_ACTOR = 'sla-monitor';

/** What a history row says happened: the request's own course, and the back office's work on it (assignment, notes). */
export type LinkRequestAction =
  | 'LINK_REQUESTED'
  | 'UNLINK_REQUESTED'
  | LinkRequestDecision
  | 'SLA_WARNING'
  | 'SLA_BREACHED'
  | LinkRequestWorkAction
  /** A closure added or removed moved the due date (due-date-move.rules.ts). */
  | 'DUE_DATE_MOVED';

/**
 * Why a command is refused, in the words its caller sees: not found (404), forbidden to the
 * caller's role (403), invalid (422, naming a field, with `detail` as the field's message when it
 * differs), or a conflict (409).
 */
export type Refusal =
  | { kind: 'NOT_FOUND'; message: string }
  | { kind: 'FORBIDDEN'; message: string }
  | { kind: 'INVALID'; message: string; field: string; detail?: string }
  | { kind: 'CONFLICT'; message: string; status?: LinkRequestStatus };

export function isOpen(status: LinkRequestStatus): boolean {
  return status === OPEN_STATUS;
}

// ---- submitting ------------------------------------------------------------------------------

export interface Submission {
  kind: LinkRequestKind;
  pidsl: string;
  servicingProviderId: string;
  effectiveDate?: string;
  endDate?: string;
}

/** The individual a submission names, as the provider master holds them. */
export interface ServicingProviderFacts {
  pid: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
}

/** A link period of the provider at the location, as far as the submission needs it. */
export interface LinkPeriod {
  effectiveDate: string;
  endDate: string | null;
}

/** What a submission is checked against, read in one go (LinkRequestRepository.submissionFacts). */
export interface SubmissionFacts {
  /** Whether the provider master has the location. */
  locationExists: boolean;
  /** null when no individual has the Provider ID. */
  provider: ServicingProviderFacts | null;
  /**
   * LINK: the earliest link of the provider at the location sharing a day with the new period.
   * UNLINK: the link in force on the end date. null when there is none.
   */
  link: LinkPeriod | null;
}

export const locationNotFound = (pidsl: string): Refusal => ({
  kind: 'NOT_FOUND',
  message: `Service location ${pidsl} not found`,
});
export const providerNotFound = (providerId: string): Refusal =>
  invalid('servicingProviderId', `No individual servicing provider has the Provider ID ${providerId}`);

/** The first rule a submission breaks, in the order the portal reports them (location, provider, dates, links); null when it passes. */
export function submissionRefusal(submission: Submission, facts: SubmissionFacts, today: string): Refusal | null {
  if (!facts.locationExists) return locationNotFound(submission.pidsl);
  const { provider } = facts;
  if (!provider) return providerNotFound(submission.servicingProviderId);
  const elsewhere = notLinkableReason(provider.providerType);
  if (elsewhere) return invalid('servicingProviderId', elsewhere);
  return datesRefusal(submission, today) ?? linksRefusal(submission, provider, facts.link);
}

function datesRefusal({ kind, effectiveDate, endDate }: Submission, today: string): Refusal | null {
  if (kind === 'LINK' && effectiveDate !== undefined && effectiveDate < today) {
    return invalid('effectiveDate', `The effective date cannot be before today (${today}): MassHealth does not backdate group links`);
  }
  if (kind === 'LINK' && endDate && effectiveDate !== undefined && endDate < effectiveDate) {
    return invalid('endDate', 'The end date must be on or after the effective date');
  }
  if (kind === 'UNLINK' && endDate !== undefined && endDate < today) {
    return invalid('endDate', `The end date cannot be before today (${today}): MassHealth does not backdate changes`);
  }
  return null;
}

function linksRefusal({ kind, pidsl, endDate }: Submission, provider: ServicingProviderFacts, link: LinkPeriod | null): Refusal | null {
  if (kind === 'LINK') {
    if (!link) return null;
    return conflict(
      `Provider ${provider.pid} is already linked to ${pidsl} from ${link.effectiveDate}` + (link.endDate ? ` to ${link.endDate}` : ''),
    );
  }
  return link ? null : conflict(`Provider ${provider.pid} is not linked to ${pidsl} on ${endDate}`);
}

/** At most one open request per provider and location. */
export const alreadyPending = (providerPid: string, pidsl: string): Refusal =>
  conflict(`A request for provider ${providerPid} at ${pidsl} is already pending`);

export const submittedAction = (kind: LinkRequestKind): LinkRequestAction => (kind === 'LINK' ? 'LINK_REQUESTED' : 'UNLINK_REQUESTED');
export const attestationNote = () => `attested (${ATTESTATION_VERSION})`;

// ---- deciding --------------------------------------------------------------------------------

/** A denial must say why: the reason is printed on the letter. Checked before anything is read. */
export function decisionRefusal(decision: LinkRequestDecision, reason: string | undefined): Refusal | null {
  if (decision === 'DENIED' && !reason?.trim()) {
    return {
      kind: 'INVALID',
      field: 'reason',
      message: 'A denial needs a reason: it is printed on the letter',
      detail: 'required when the decision is DENIED',
    };
  }
  return null;
}

/** A request is decided exactly once: only while open. */
export function decidableRefusal(requestId: string, request: { status: LinkRequestStatus } | null): Refusal | null {
  if (!request) return requestNotFound(requestId);
  if (!isOpen(request.status))
    return {
      kind: 'CONFLICT',
      message: `Link request ${requestId} was already ${request.status}`,
      status: request.status,
    };
  return null;
}

/**
 * While assignment is required (LINK_REQUEST_ASSIGNMENT_REQUIRED), only the request's assignee or an
 * admin (the supervisor) decides it; otherwise any back-office user does. Asked after
 * decidableRefusal, so a decided request still answers "already decided".
 */
export function deciderRefusal(
  requestId: string,
  request: { assigneeId: string | null; assigneeName: string | null },
  decider: Caller,
  assignmentRequired: boolean,
): Refusal | null {
  if (!assignmentRequired || decider.isAdmin || request.assigneeId === decider.id) return null;
  if (request.assigneeId === null)
    return conflict(
      `Link request ${requestId} is not assigned to anyone: assign it to yourself before deciding it ` +
        '(only its assignee or an admin may decide a request while assignment is required)',
    );
  return conflict(
    `Link request ${requestId} is assigned to ${request.assigneeName ?? request.assigneeId}: only they or an admin may decide it ` +
      '(assignment is required)',
  );
}

/** What an approval does to the servicing links: a LINK creates one, an UNLINK ends one; a denial does nothing. */
export function linkChangeOf(kind: LinkRequestKind, decision: LinkRequestDecision): 'CREATE' | 'END' | null {
  if (decision !== 'APPROVED') return null;
  return kind === 'LINK' ? 'CREATE' : 'END';
}

// ---- assignment and notes ---------------------------------------------------------------------

/** A back-office user acting on a request: their user id, display name, and whether they are an admin (the supervisor). */
export interface Caller {
  id: string;
  name: string;
  isAdmin: boolean;
}

/** The caller as these rules see them, from the verified token: admins are the supervisors. */
export function callerOf(user: { id: string; name: string; roles: readonly string[] }): Caller {
  return { id: user.id, name: user.name, isAdmin: user.roles.includes('admin') };
}

/** An analyst a request is assigned to. */
export interface Assignee {
  userId: string;
  name: string;
}

/** The history's own work actions (assignment, notes): back-office internals, which a provider user does not see. */
export function isInternalAction(action: string): boolean {
  return (LINK_REQUEST_WORK_ACTIONS as readonly string[]).includes(action);
}

/** The history a caller reads: all of it for the back office and admins; a provider user's without the back office's work. */
export function visibleHistory<T extends { action: string }>(user: { isBackOffice: boolean }, history: readonly T[]): T[] {
  return user.isBackOffice ? [...history] : history.filter((h) => !isInternalAction(h.action));
}

/**
 * Whom `PUT …/assignee` names. Assigning yourself records your token's display name (the body's
 * `name` is not needed); someone else must be named by their user id and display name.
 */
export function assigneeOf(wanted: { userId: string; name?: string }, caller: Caller): Assignee | Refusal {
  if (wanted.userId === caller.id) return { userId: caller.id, name: caller.name };
  const name = wanted.name?.trim();
  if (!name)
    return {
      kind: 'INVALID',
      field: 'name',
      message: `Name the analyst ${wanted.userId}: a display name is needed to assign a request to someone else`,
      detail: 'required when userId is not yours',
    };
  return { userId: wanted.userId, name };
}

/**
 * Whether the caller may change whom a request is assigned to (assign, re-assign, unassign). A
 * decided request keeps its assignee for good. While assignment is required, a request assigned
 * to someone else is theirs: only they or an admin hand it on; an unassigned one anybody takes.
 */
export function assignmentRefusal(
  requestId: string,
  request: { status: LinkRequestStatus; assigneeId: string | null; assigneeName: string | null } | null,
  caller: Caller,
  assignmentRequired: boolean,
): Refusal | null {
  if (!request) return requestNotFound(requestId);
  if (!isOpen(request.status))
    return {
      kind: 'CONFLICT',
      message: `Link request ${requestId} was already ${request.status}: a decided request cannot be assigned or unassigned`,
      status: request.status,
    };
  if (assignmentRequired && !caller.isAdmin && request.assigneeId !== null && request.assigneeId !== caller.id)
    return conflict(
      `Link request ${requestId} is assigned to ${request.assigneeName ?? request.assigneeId}: only they or an admin may reassign it ` +
        '(assignment is required)',
    );
  return null;
}

/** Whom the request is assigned to now, as stored; null when nobody. */
export function currentAssignee(request: { assigneeId: string | null; assigneeName: string | null }): Assignee | null {
  return request.assigneeId === null ? null : { userId: request.assigneeId, name: request.assigneeName ?? request.assigneeId };
}

/** Whether an assignment changes anything (the same analyst under the same name is no change: nothing is recorded). */
export function isSameAssignee(current: { assigneeId: string | null; assigneeName: string | null }, next: Assignee | null): boolean {
  if (next === null) return current.assigneeId === null;
  return current.assigneeId === next.userId && current.assigneeName === next.name;
}

/** The history row's note of an assignment change: whom to, and whom from (ids and names, never a note's text). */
export function assignmentNote(previous: Assignee | null, next: Assignee | null): string {
  const who = (a: Assignee) => `${a.name} (${a.userId})`;
  if (next === null) return previous ? `was ${who(previous)}` : 'nobody';
  return previous ? `to ${who(next)}, was ${who(previous)}` : `to ${who(next)}`;
}

export const assignmentAction = (next: Assignee | null): LinkRequestWorkAction => (next === null ? 'UNASSIGNED' : 'ASSIGNED');

/** A note needs words: whitespace alone is refused (the length, 1 to 2,000, is the DTO's). */
export function noteRefusal(text: string): Refusal | null {
  return text.trim() ? null : { kind: 'INVALID', field: 'text', message: 'A note needs some text', detail: 'must not be blank' };
}

/** The history row's note of an added note: its id only, since the text may hold PHI and the history is read more widely. */
export const noteAddedNote = (noteId: string) => `note ${noteId}`;

/** `GET /link-requests?assignee=` asks about internal work: back office and admins only. */
export function assigneeFilterRefusal(user: { isBackOffice: boolean }, assignee: string | undefined): Refusal | null {
  return assignee !== undefined && !user.isBackOffice
    ? { kind: 'FORBIDDEN', message: 'Only the back office may filter link requests by assignee: this needs a back-office role' }
    : null;
}

/**
 * The locations whose requests a caller may list: null for every location (back office and admins),
 * else the PID/SLs granted to them.
 */
export function listableLocationsOf(user: { isBackOffice: boolean; grants: readonly string[] }): readonly string[] | null {
  return user.isBackOffice ? null : user.grants;
}

/** A `pidsl` filter outside the caller's grants: 404, as for a location that does not exist (the list does not reveal it). */
export function listFilterRefusal(user: { isBackOffice: boolean; grants: readonly string[] }, pidsl: string | undefined): Refusal | null {
  const locations = listableLocationsOf(user);
  return pidsl !== undefined && locations !== null && !locations.includes(pidsl) ? locationNotFound(pidsl) : null;
}

/**
 * What `GET /link-requests?q=` looks for: 10 digits → that NPI; a UUID → that request; `Last, First`
 * (as the queue shows a provider) → that last name, first name starting with the rest; anything
 * else → a provider whose last or first name starts with it. Case-insensitive; surrounding spaces
 * do not count.
 */
export type QueueSearch =
  | { npi: string }
  | { requestId: string }
  | { lastName: string; firstNamePrefix: string }
  | { namePrefix: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function queueSearchOf(q: string): QueueSearch {
  const text = q.trim();
  if (/^\d{10}$/.test(text)) return { npi: text };
  if (UUID.test(text)) return { requestId: text.toLowerCase() };
  const comma = text.indexOf(',');
  if (comma > 0) return { lastName: text.slice(0, comma).trim(), firstNamePrefix: text.slice(comma + 1).trim() };
  return { namePrefix: text };
}

/** `dueFrom` after `dueTo` matches nothing: refused (400) rather than answered empty. Null when the range is fine. */
export function dueRangeProblem(dueFrom: string | undefined, dueTo: string | undefined): string | null {
  return dueFrom !== undefined && dueTo !== undefined && dueFrom > dueTo ? `dueFrom (${dueFrom}) must be on or before dueTo (${dueTo})` : null;
}

// ---- the summary's weeks ------------------------------------------------------------------------

/** The Monday of the week of `date` (ISO weeks, Monday first). */
export function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The Mondays of the last `weeks` weeks up to today's, oldest first. */
export function summaryWeeks(today: string, weeks: number): string[] {
  const last = Date.parse(`${weekOf(today)}T00:00:00Z`);
  return Array.from({ length: weeks }, (_, i) => new Date(last - (weeks - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10));
}

/** Breaches and decisions counted by week (SQL), every week of `weeks` present, 0 when none. */
export function weeklyCounts(
  weeks: readonly string[],
  counted: readonly { week: string; breaches: number; decisions: number }[],
): { week: string; breaches: number; decisions: number }[] {
  const byWeek = new Map(counted.map((c) => [c.week, c]));
  return weeks.map((week) => ({ week, breaches: byWeek.get(week)?.breaches ?? 0, decisions: byWeek.get(week)?.decisions ?? 0 }));
}

export const requestNotFound = (requestId: string): Refusal => ({
  kind: 'NOT_FOUND',
  message: `Link request ${requestId} not found`,
});

// ---- the SLA ---------------------------------------------------------------------------------

/**
 * The first business day the SLA counts: the submission's business date (America/New_York) when it
 * is a business day, else the next business day — the day the due date's ten business days start
 * from (BusinessCalendar.addBusinessDays with n = 0).
 */
export function slaStartDateOf(submittedOn: string, calendar: BusinessCalendar): string {
  return calendar.addBusinessDays(submittedOn, 0);
}

/** slaStartDateOf the submission instant's business date. */
export function slaStartDateFor(submittedAt: Date, calendar: BusinessCalendar): string {
  return slaStartDateOf(businessDateOf(submittedAt), calendar);
}

/**
 * Where an open request stands against its due date today; nulls once it is decided.
 * businessDaysRemaining is counted from today, or from slaStartDate while the SLA has not started
 * (a request submitted on Sunday shows the full 10 that Sunday, not 11: the Monday it starts on is
 * not a day "left" but the first of the ten). Negative when overdue. slaState depends on the due
 * date only (as the SLA sweep and the list's slaState filter select it): before slaStartDate at
 * least the full SLA remains, so it is ON_TRACK either way.
 */
export function slaStanding(
  request: { status: LinkRequestStatus; dueDate: string; slaStartDate: string },
  calendar: BusinessCalendar,
  today: string,
): { businessDaysRemaining: number | null; slaState: SlaState | null } {
  if (!isOpen(request.status)) return { businessDaysRemaining: null, slaState: null };
  const countFrom = today < request.slaStartDate ? request.slaStartDate : today;
  return {
    businessDaysRemaining: calendar.businessDaysBetween(countFrom, request.dueDate),
    slaState: calendar.slaState(today, request.dueDate),
  };
}

/** The `byDaysLeft` bucket of an open request's businessDaysRemaining: overdue, 0 … 9, or 10+. */
export function daysLeftLabel(businessDaysRemaining: number): LinkRequestDaysLeftLabel {
  if (businessDaysRemaining < 0) return 'overdue';
  if (businessDaysRemaining >= 10) return '10+';
  return String(businessDaysRemaining) as LinkRequestDaysLeftLabel;
}

/**
 * The last business day on or before `today`. A request submitted after it (on the closed days up to
 * today) has not started its SLA yet; every other one has: the summary groups the open requests by
 * due date and by GREATEST(submission date, this day), which slaStanding answers exactly as it does
 * for each request.
 */
export function lastBusinessDayOnOrBefore(calendar: BusinessCalendar, today: string): string {
  let day = today;
  for (let i = 0; !calendar.isBusinessDay(day); i++) {
    if (i > MAX_WARNING_SPAN_DAYS) throw new Error(`No business day in the year before ${today}`);
    day = previousDay(day);
  }
  return day;
}

/** Open requests counted by due date and (collapsed) submission date: what the summary reads in SQL. */
export interface OpenRequestCount {
  dueDate: string;
  /** GREATEST(the submission's business date, lastBusinessDayOnOrBefore(today)). */
  submittedOn: string;
  count: number;
}

export interface SlaSummary {
  open: number;
  bySlaState: Record<SlaState, number>;
  byDaysLeft: { label: LinkRequestDaysLeftLabel; value: number }[];
}

/** The open requests by SLA state and by business days left, each as slaStanding puts the requests it counts. */
export function slaSummary(counts: readonly OpenRequestCount[], calendar: BusinessCalendar, today: string): SlaSummary {
  const bySlaState = Object.fromEntries(SLA_STATES.map((state) => [state, 0])) as Record<SlaState, number>;
  const byDaysLeft = new Map<LinkRequestDaysLeftLabel, number>(LINK_REQUEST_DAYS_LEFT_LABELS.map((label) => [label, 0]));
  let open = 0;
  for (const { dueDate, submittedOn, count } of counts) {
    const standing = slaStanding({ status: OPEN_STATUS, dueDate, slaStartDate: slaStartDateOf(submittedOn, calendar) }, calendar, today);
    open += count;
    if (standing.slaState) bySlaState[standing.slaState] += count;
    if (standing.businessDaysRemaining !== null) {
      const label = daysLeftLabel(standing.businessDaysRemaining);
      byDaysLeft.set(label, (byDaysLeft.get(label) ?? 0) + count);
    }
  }
  return { open, bySlaState, byDaysLeft: [...byDaysLeft].map(([label, value]) => ({ label, value })) };
}

/**
 * The due dates of the open requests in an SLA state today, as slaState puts them (the list's
 * `slaState` filter): BREACHED before today, WARNING from today through the last warning due date,
 * ON_TRACK after it. `onOrAfter` inclusive, `before` exclusive.
 */
export function slaDueDateRange(calendar: BusinessCalendar, today: string, state: SlaState): { onOrAfter?: string; before?: string } {
  const { breachedBefore, warning } = slaDueDates(calendar, today);
  // slaState(today, today) is WARNING (0 left): the run starts today and is never empty.
  const afterWarning = nextDay(warning[warning.length - 1]?.dueDate ?? previousDay(today));
  switch (state) {
    case 'BREACHED':
      return { before: breachedBefore };
    case 'WARNING':
      return { onOrAfter: breachedBefore, before: afterWarning };
    case 'ON_TRACK':
      return { onOrAfter: afterWarning };
  }
}

/** A due date whose open requests are in WARNING today, and the business days they have left. */
export interface WarningDueDate {
  dueDate: string;
  businessDaysRemaining: number;
}

/** The due dates the SLA sweep acts on today, from the calendar's slaState. */
export interface SlaDueDates {
  /** Open requests due before this date are BREACHED (slaState: today is after the due date). */
  breachedBefore: string;
  /** The due dates in WARNING, today first: a contiguous run, since fewer days remain the sooner the due date. */
  warning: WarningDueDate[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The calendar date after `date` (both `YYYY-MM-DD`; UTC arithmetic, so no time zone moves it). */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
/** The calendar date before `date`. */
const previousDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
/** More than any run of closed days: the warning window never reaches this far. */
const MAX_WARNING_SPAN_DAYS = 366;

/**
 * Which due dates are BREACHED and which are in WARNING on `today`, so that the sweep can select
 * them by due date instead of asking slaState of each request. slaState is BREACHED exactly for
 * due dates before today; WARNING for today and the following dates while no more than
 * SLA_WARNING_BUSINESS_DAYS business days remain (the count only grows with the due date).
 */
export function slaDueDates(calendar: BusinessCalendar, today: string): SlaDueDates {
  const warning: WarningDueDate[] = [];
  for (let dueDate = today; calendar.slaState(today, dueDate) === 'WARNING'; dueDate = nextDay(dueDate)) {
    warning.push({
      dueDate,
      businessDaysRemaining: calendar.businessDaysBetween(today, dueDate),
    });
    if (warning.length > MAX_WARNING_SPAN_DAYS) throw new Error(`The SLA warning window from ${today} does not end`);
  }
  return { breachedBefore: today, warning };
}

function invalid(field: string, message: string): Refusal {
  return { kind: 'INVALID', field, message };
}

function conflict(message: string): Refusal {
  return { kind: 'CONFLICT', message };
}
