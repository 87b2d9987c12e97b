import type { LinkRequestKind, LinkRequestStatus } from '@rosterlink/contracts/browser';
import type { LinkRequestView } from '../link-request-api';
import type { Letter } from '@rosterlink/ui';
import { businessDateOfInstant, formatShortDate } from './dates';

/**
 * My requests and letters, without React: how a link or unlink request reads (its kind, status, due date
 * and decision) and where its letter stands.
 */

export const REQUEST_KIND_LABELS: Record<LinkRequestKind, string> = {
  LINK: 'Link',
  UNLINK: 'Unlink (end link)',
};

export const REQUEST_STATUS_LABELS: Record<LinkRequestStatus, string> = {
  SUBMITTED: 'Submitted',
  APPROVED: 'Approved',
  DENIED: 'Denied',
};

/** The date the request changes the link on: a link's Effective Date, an unlink's End Date. */
export function changeDateOf(request: Pick<LinkRequestView, 'kind' | 'effectiveDate' | 'endDate'>): string {
  const date = request.kind === 'LINK' ? request.effectiveDate : request.endDate;
  return `${request.kind === 'LINK' ? 'From' : 'Ends'} ${formatShortDate(date)}`;
}

/**
 * The due date in words: every request is processed within 10 business days of its submission. While it
 * waits, how many business days are left (or that it is overdue); once decided, just the date.
 */
export function dueDateNoteOf(request: Pick<LinkRequestView, 'status' | 'dueDate' | 'businessDaysRemaining'>): string | null {
  const days = request.businessDaysRemaining;
  if (request.status !== 'SUBMITTED' || days === null) return null;
  if (days < 0) return 'Past its due date: MassHealth is late deciding it';
  if (days === 0) return 'Due today';
  return `${days} business day${days === 1 ? '' : 's'} left`;
}

export interface RequestDecision {
  decision: 'Approved' | 'Denied';
  /** The calendar date it was decided on. */
  decidedOn: string;
  /** MassHealth's reason; always given for a denial. */
  reason: string | null;
}

/** The decision of a decided request; null while it waits for MassHealth. */
export function decisionOf(request: Pick<LinkRequestView, 'status' | 'decidedAt' | 'reason'>): RequestDecision | null {
  if (request.status === 'SUBMITTED') return null;
  return {
    decision: request.status === 'APPROVED' ? 'Approved' : 'Denied',
    decidedOn: request.decidedAt ? businessDateOfInstant(request.decidedAt) : '',
    reason: request.reason?.trim() || null,
  };
}

/** Where the decision letter of a request stands, and whether its PDF can be shown. */
export interface LetterStanding {
  message: string;
  /** The PDF exists (rendered, sent, or rendered and not delivered). */
  canShow: boolean;
  /** Worth asking again soon: the letter is being created or rendered. */
  preparing: boolean;
}

const CHANNEL_WORDS = { PRINT_MAIL: 'by mail', EMAIL: 'by e-mail' } as const;

export function letterStandingOf(requestStatus: LinkRequestStatus, letter: Letter | undefined): LetterStanding {
  if (requestStatus === 'SUBMITTED') {
    return { message: 'A letter is sent to the practice’s DBA address once MassHealth decides this request.', canShow: false, preparing: false };
  }
  if (!letter || letter.status === 'PENDING') {
    return { message: 'The decision letter is being prepared: it shows here as soon as it is ready.', canShow: false, preparing: true };
  }
  const to = letter.recipient.name;
  if (letter.status === 'SENT') {
    const when = letter.sentAt ? ` on ${formatShortDate(businessDateOfInstant(letter.sentAt))}` : '';
    const how = letter.channel ? ` ${CHANNEL_WORDS[letter.channel]}` : '';
    return { message: `The decision letter was sent to ${to}${how}${when}.`, canShow: true, preparing: false };
  }
  if (letter.status === 'FAILED') {
    return {
      message: `The decision letter could not be delivered to ${to} yet; MassHealth will send it again. You can read it here meanwhile.`,
      canShow: true,
      preparing: false,
    };
  }
  return { message: `The decision letter is ready and on its way to ${to}.`, canShow: true, preparing: true };
}
