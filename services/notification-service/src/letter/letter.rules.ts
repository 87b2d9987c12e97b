import type { AuthenticatedUser } from '@rosterlink/auth';
import { LETTER_STATUSES, LetterStatus } from '@rosterlink/contracts';

/**
 * A letter's life, without a database: PENDING → (rendered) RENDERED → (delivered) SENT; after
 * the last failed attempt of either step, FAILED; a SENT or FAILED letter can be resent (PENDING again).
 */
export { LETTER_STATUSES };
export type { LetterStatus };

/** A new letter waits to be rendered. */
export const NEW_LETTER_STATUS = 'PENDING' satisfies LetterStatus;

/** Each change of status: from which statuses it may happen, and the status it leaves. */
export const LETTER_TRANSITIONS = {
  render: { from: ['PENDING'], to: 'RENDERED' },
  deliver: { from: ['RENDERED'], to: 'SENT' },
  /** After the last attempt of rendering or delivery. */
  fail: { from: ['PENDING', 'RENDERED'], to: 'FAILED' },
  /** Only from a finished state: two resends at once, or one while delivery runs, would send twice. */
  resend: { from: ['FAILED', 'SENT'], to: 'PENDING' },
} as const satisfies Record<string, { from: readonly LetterStatus[]; to: LetterStatus }>;

/** Statuses with work left: these letters are queued again by the recovery sweep. */
export const UNFINISHED_LETTER_STATUSES = LETTER_TRANSITIONS.fail.from;

export type LetterStep = 'render' | 'deliver';

/** The step a letter of `status` waits for, if any. */
export function nextStepOf(status: LetterStatus): LetterStep | null {
  if (status === 'PENDING') return 'render';
  if (status === 'RENDERED') return 'deliver';
  return null;
}

/** Whether `transition` may happen to a letter of `status`. */
export function canTransition(status: LetterStatus, transition: keyof typeof LETTER_TRANSITIONS): boolean {
  return (LETTER_TRANSITIONS[transition].from as readonly LetterStatus[]).includes(status);
}

/** Whether the PDF of a letter of `status` can exist yet (it may still be missing from the store). */
export function mayHavePdf(status: LetterStatus): boolean {
  return status !== 'PENDING';
}

/** Who may see a letter: the back office, or a provider user granted its service location. */
export function canSeeLetter(user: AuthenticatedUser, letter: { pidsl: string }): boolean {
  return user.canActForLocation(letter.pidsl);
}

/**
 * The service locations whose letters `user` may list, or null for all (the back office). A
 * letter is about one request at one location: a provider user sees those of their granted locations.
 */
export function listableLocationsOf(user: AuthenticatedUser): readonly string[] | null {
  return user.isBackOffice ? null : user.grants;
}

/** What the letters API answers when a letter cannot be shown or acted on. */
export const letterRefusals = {
  notFound: (letterId: string) => `Letter ${letterId} not found`,
  /** 404, not 403: a user must not learn that a group outside their grants exists. */
  groupNotFound: (groupId: string) => `Group ${groupId} not found`,
  notRendered: (letterId: string) => `Letter ${letterId} is not rendered yet`,
  notResendable: (letterId: string) =>
    `Letter ${letterId} is being rendered or delivered; only a SENT or FAILED letter can be resent`,
} as const;
