import { BusinessCalendar, LINK_REQUEST_DUE_BUSINESS_DAYS } from '@rosterlink/business-calendar';
import { businessDateOf, type ClosureChangeKind } from '@rosterlink/contracts';
import type { LinkRequestAction } from './link-request.rules';

/**
 * When a closure is added or removed, the due dates of the open requests whose SLA window it falls
 * in move. Pure: which requests a closure can touch, their new due date by the same computation that
 * set it at submission (BusinessCalendar.dueDateFor), and the history entry's wording.
 */

/** The history action of a moved due date (one of LinkRequestAction). */
export const DUE_DATE_MOVED = 'DUE_DATE_MOVED' satisfies LinkRequestAction;

/** A closure added or removed: the day, its name, and which. */
export interface ClosureChange {
  date: string;
  name: string;
  change: ClosureChangeKind;
}

/** An open request as far as a due-date move needs it. */
export interface DueDateCandidate {
  requestId: string;
  submittedAt: Date;
  dueDate: string;
  slaBreachedAt: Date | null;
}

export interface DueDateMove {
  requestId: string;
  from: string;
  to: string;
  /** Moved later and not breached: the SLA warning is given again for the new due date, when its time comes. */
  clearsWarning: boolean;
  note: string;
}

/**
 * The open requests a closure on `date` can touch, before the change (`before`, the calendar the
 * due dates were computed with): submitted on or before that day, due on or after it. A request
 * submitted on or before `date` is due at the latest `LINK_REQUEST_DUE_BUSINESS_DAYS` business days
 * after it, which bounds the search.
 */
export function closureWindow(before: BusinessCalendar, date: string): { date: string; dueFrom: string; dueTo: string } {
  return { date, dueFrom: date, dueTo: before.addBusinessDays(date, LINK_REQUEST_DUE_BUSINESS_DAYS) };
}

/** Whether a closure on `date` falls in the request's SLA window: submitted on or before that day (New York), due on or after it. */
export function inClosureWindow(request: Pick<DueDateCandidate, 'submittedAt' | 'dueDate'>, date: string): boolean {
  return businessDateOf(request.submittedAt) <= date && request.dueDate >= date;
}

/** The calendar after the change: the same closures with the day added, or without it. */
export function calendarAfter(before: BusinessCalendar, change: ClosureChange): BusinessCalendar {
  const others = before.closures.filter((c) => c.date !== change.date);
  return new BusinessCalendar(change.change === 'ADDED' ? [...others, { date: change.date, name: change.name }] : others);
}

/** The requests whose due date the change moves, and to what: each recomputed as at its submission with the calendar after it. */
export function dueDateMoves(after: BusinessCalendar, change: ClosureChange, candidates: readonly DueDateCandidate[]): DueDateMove[] {
  return candidates.flatMap((request) => {
    if (!inClosureWindow(request, change.date)) return [];
    const to = after.dueDateFor(request.submittedAt);
    if (to === request.dueDate) return [];
    return [
      {
        requestId: request.requestId,
        from: request.dueDate,
        to,
        clearsWarning: to > request.dueDate && request.slaBreachedAt === null,
        note: dueDateMovedNote(request.dueDate, to, change),
      },
    ];
  });
}

/** `Due date moved from 2026-12-14 to 2026-12-15: closure 2026-12-08 Blizzard closure added`. */
export function dueDateMovedNote(from: string, to: string, change: ClosureChange): string {
  return `Due date moved from ${from} to ${to}: closure ${change.date} ${change.name} ${change.change === 'ADDED' ? 'added' : 'removed'}`;
}
