import { businessDateOf } from '@rosterlink/contracts/browser';
import type { LinkRequest, SlaState } from '../types';

/** SLA states in words, so colour is never the only signal. */
export const SLA_LABELS: Record<SlaState, string> = { ON_TRACK: 'On track', WARNING: 'Warning', BREACHED: 'Breached' };

const businessDays = (n: number) => `${n} ${n === 1 ? 'business day' : 'business days'}`;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date (`YYYY-MM-DD`) as "Mon 14 Dec", with the year when it is not the year of `today`. */
export function dayText(date: string, today: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${weekday} ${day} ${MONTHS[month - 1]}${date.slice(0, 4) === today.slice(0, 4) ? '' : ` ${year}`}`;
}

/** What the SLA wording reads of a request: the link-request service's own numbers, never recomputed here. */
export type SlaFacts = Pick<LinkRequest, 'status' | 'dueDate' | 'businessDaysRemaining' | 'slaState' | 'decidedAt'>;

export interface SlaWording {
  /** The colour the state is also shown by. */
  tone: 'on_track' | 'warning' | 'breached' | 'decided';
  /** The state in one or two words ("On track", "Breached", "Decided"). */
  label: string;
  /** What it means for the analyst: the due date and the business days left or overdue. */
  text: string;
}

const TONES: Record<SlaState, SlaWording['tone']> = { ON_TRACK: 'on_track', WARNING: 'warning', BREACHED: 'breached' };

export interface SlaContext {
  /** The calendar date in the business time zone (businessDateOf). */
  today: string;
  /**
   * The day the SLA counts from: the first business day on or after the submission date, as the
   * link-request service's calendar says (`GET /business-calendar/add?date=…&businessDays=0`, the
   * computation that set the due date). Null while unknown: the words then leave it out.
   */
  countedFrom?: string | null;
}

/**
 * A request's SLA in words, from the link-request service's `dueDate`, `businessDaysRemaining` (business
 * days after today up to the due date; negative when overdue) and `slaState`:
 *
 * - on track: "Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov". Before the SLA starts
 *   (submitted on a weekend or holiday, seen that day) the service counts the starting day as a day left:
 *   "Due Mon 14 Dec · 11 business days left, including Mon 30 Nov when the SLA starts";
 * - warning: "Due today", "Due Wed 9 Dec · 2 business days left";
 * - breached: "1 business day overdue, was due Fri 11 Dec";
 * - decided: "Decided Thu 10 Dec, on time (due Mon 14 Dec)" or "Decided Tue 15 Dec, after its due date Mon 14 Dec"
 *   (late as the contract's SLA state counts it: decided on a date after the due date).
 */
export function slaWording(request: SlaFacts, { today, countedFrom = null }: SlaContext): SlaWording {
  const day = (date: string) => dayText(date, today);
  const due = day(request.dueDate);
  const days = request.businessDaysRemaining;
  if (request.status !== 'SUBMITTED' || request.slaState === null || days === null) {
    const decided = request.decidedAt ? businessDateOf(new Date(request.decidedAt)) : null;
    const text = !decided
      ? `Was due ${due}`
      : decided > request.dueDate
        ? `Decided ${day(decided)}, after its due date ${due}`
        : `Decided ${day(decided)}, on time (due ${due})`;
    return { tone: 'decided', label: 'Decided', text };
  }
  const tone = TONES[request.slaState];
  const label = SLA_LABELS[request.slaState];
  if (request.slaState === 'BREACHED') {
    return { tone, label, text: days < 0 ? `${businessDays(-days)} overdue, was due ${due}` : `Overdue, was due ${due}` };
  }
  if (days <= 0) return { tone, label, text: request.dueDate === today ? 'Due today' : `Due ${due} · no business days left` };
  let text = `Due ${due} · ${businessDays(days)} left`;
  if (request.slaState === 'ON_TRACK' && countedFrom) {
    text += today < countedFrom ? `, including ${day(countedFrom)} when the SLA starts` : `, counted from ${day(countedFrom)}`;
  }
  return { tone, label, text };
}

export interface QueueFilter {
  slaState: SlaState | '';
  pidsl: string;
  /** A provider's name (any part) or NPI. */
  search: string;
}

export function filterQueue(requests: readonly LinkRequest[], filter: QueueFilter): LinkRequest[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return requests
    .filter((r) => !filter.slaState || r.slaState === filter.slaState)
    .filter((r) => !filter.pidsl || r.pidsl === filter.pidsl)
    .filter((r) => {
      const haystack = `${r.provider.firstName} ${r.provider.lastName} ${r.provider.npi} ${r.provider.providerId}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.submittedAt.localeCompare(b.submittedAt));
}
