import { businessDateOf } from '@rosterlink/contracts/browser';
import type { LinkRequestView, SlaState } from '../types';

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
export type SlaFacts = Pick<LinkRequestView, 'status' | 'dueDate' | 'businessDaysRemaining' | 'slaState' | 'decidedAt' | 'slaStartDate'>;

export interface SlaWording {
  /** The colour the state is also shown by. */
  tone: 'on_track' | 'warning' | 'breached' | 'decided';
  /** The state in one or two words ("On track", "Breached", "Decided"). */
  label: string;
  /** What it means for the analyst: the due date and the business days left or overdue. */
  text: string;
}

const TONES: Record<SlaState, SlaWording['tone']> = { ON_TRACK: 'on_track', WARNING: 'warning', BREACHED: 'breached' };

/**
 * A request's SLA in words, from the link-request service's `dueDate`, `businessDaysRemaining` (business
 * days after today up to the due date, negative when overdue; before the SLA starts, the full SLA),
 * `slaState` and `slaStartDate` (the first business day the SLA counts); `today` is the business date:
 *
 * - on track: "Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov" (a request submitted on
 *   Sunday 29 November reads the same that Sunday: the SLA counts from the Monday);
 * - warning: "Due today", "Due Wed 9 Dec · 2 business days left";
 * - breached: "1 business day overdue, was due Fri 11 Dec";
 * - decided: "Decided Thu 10 Dec, on time (due Mon 14 Dec)" or "Decided Tue 15 Dec, after its due date Mon 14 Dec"
 *   (late as the contract's SLA state counts it: decided on a date after the due date).
 */
export function slaWording(request: SlaFacts, today: string): SlaWording {
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
  if (request.slaState === 'ON_TRACK' && request.slaStartDate) text += `, counted from ${day(request.slaStartDate)}`;
  return { tone, label, text };
}
