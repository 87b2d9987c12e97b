import { AuthenticatedUser } from '@rosterlink/auth';
import {
  canSeeLetter,
  canTransition,
  LETTER_STATUSES,
  LETTER_TRANSITIONS,
  letterRefusals,
  listableLocationsOf,
  mayHavePdf,
  NEW_LETTER_STATUS,
  nextStepOf,
  UNFINISHED_LETTER_STATUSES,
} from './letter.rules';

const provider = new AuthenticatedUser('u1', 'Ana', ['provider'], ['110000041A']);
const backOffice = new AuthenticatedUser('u2', 'Bo', ['back-office'], []);

describe('letter rules', () => {
  it('moves a letter PENDING → RENDERED → SENT, each step from its one status', () => {
    expect(NEW_LETTER_STATUS).toBe('PENDING');
    expect(LETTER_STATUSES.filter((s) => canTransition(s, 'render'))).toEqual(['PENDING']);
    expect(LETTER_STATUSES.filter((s) => canTransition(s, 'deliver'))).toEqual(['RENDERED']);
    expect(LETTER_TRANSITIONS.render.to).toBe('RENDERED');
    expect(LETTER_TRANSITIONS.deliver.to).toBe('SENT');
  });

  it('fails only an unfinished letter, and those are what the recovery sweep queues again', () => {
    expect(LETTER_STATUSES.filter((s) => canTransition(s, 'fail'))).toEqual(['PENDING', 'RENDERED']);
    expect(UNFINISHED_LETTER_STATUSES).toEqual(['PENDING', 'RENDERED']);
    expect(LETTER_TRANSITIONS.fail.to).toBe('FAILED');
  });

  it('resends only a finished letter (SENT or FAILED), back to PENDING', () => {
    expect(LETTER_STATUSES.filter((s) => canTransition(s, 'resend'))).toEqual(['SENT', 'FAILED']);
    expect(LETTER_TRANSITIONS.resend.to).toBe('PENDING');
  });

  it('names the step each status waits for', () => {
    expect(LETTER_STATUSES.map(nextStepOf)).toEqual(['render', 'deliver', null, null]);
  });

  it('has a PDF only once rendered', () => {
    expect(LETTER_STATUSES.filter(mayHavePdf)).toEqual(['RENDERED', 'SENT', 'FAILED']);
  });

  it('shows a letter to the back office and to a provider user of its location only', () => {
    expect(canSeeLetter(backOffice, { pidsl: '120000002B' })).toBe(true);
    expect(canSeeLetter(provider, { pidsl: '110000041A' })).toBe(true);
    expect(canSeeLetter(provider, { pidsl: '110000041B' })).toBe(false);
    expect(listableLocationsOf(backOffice)).toBeNull();
    expect(listableLocationsOf(provider)).toEqual(['110000041A']);
  });

  it('words its refusals as the letters API always has', () => {
    expect(letterRefusals.notFound('L1')).toBe('Letter L1 not found');
    expect(letterRefusals.groupNotFound('110000041')).toBe('Group 110000041 not found');
    expect(letterRefusals.notRendered('L1')).toBe('Letter L1 is not rendered yet');
    expect(letterRefusals.notResendable('L1')).toBe(
      'Letter L1 is being rendered or delivered; only a SENT or FAILED letter can be resent',
    );
  });
});
