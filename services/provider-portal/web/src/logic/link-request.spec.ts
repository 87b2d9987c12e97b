import { NOT_LINKABLE_REASONS } from '@rosterlink/contracts/browser';
import type { LinkRequestSubmitted, ProviderSearchItem } from '../link-request-api';
import { businessToday, effectiveDateProblem, isCalendarDate } from './effective-date';
import type { LinkToEnd } from './end-link';
import {
  confirmationLines,
  END_LINK_PANELS,
  endLinkConfirmationLines,
  formatCalendarDate,
  initialLinkRequest,
  journeyPanelsOf,
  LinkRequestEvent,
  linkRequestReducer,
  LinkRequestState,
  panelIndexOf,
} from './link-request-steps';
import { linkabilityOf, providerNameOf, providerTypeLabel } from './linkability';
import { searchCriteriaProblem } from './provider-search';
import { linkPeriodStanding } from './servicing-providers';

const TODAY = '2026-12-01';
const ana: ProviderSearchItem = {
  providerId: '210000001',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN',
  match: 'EXACT_ID',
  linkable: true,
};
const ltss: ProviderSearchItem = {
  ...ana,
  providerId: '210000002',
  providerType: 'LTSS',
  linkable: false,
  notLinkableReason: NOT_LINKABLE_REASONS.LTSS,
};
const submitted: LinkRequestSubmitted = { requestId: 'r-1', status: 'SUBMITTED', submittedAt: '2026-12-01T15:00:00Z', dueDate: '2026-12-15' };

const run = (...events: LinkRequestEvent[]): LinkRequestState =>
  events.reduce<LinkRequestState>((state, event) => linkRequestReducer(state, event), initialLinkRequest());
const toDetail: LinkRequestEvent[] = [{ type: 'new-item' }, { type: 'open-search' }, { type: 'choose-provider', provider: ana }];
const toAgreement: LinkRequestEvent[] = [
  ...toDetail,
  { type: 'enter-effective-date', date: TODAY },
  { type: 'update', today: TODAY },
  { type: 'submit' },
];

describe('the Effective Date rule: never before today, in the business time zone', () => {
  it('takes today and later, refuses yesterday with the reason and what to do', () => {
    expect(effectiveDateProblem('2026-12-01', TODAY)).toBeNull();
    expect(effectiveDateProblem('2027-01-04', TODAY)).toBeNull();
    expect(effectiveDateProblem('2026-11-30', TODAY)).toBe(
      'The Effective Date cannot be before today (2026-12-01): MassHealth will not backdate the effective date of a group link request. Enter today or a later date.',
    );
  });

  it('asks for a date when there is none, and refuses one that is not a calendar date', () => {
    expect(effectiveDateProblem('', TODAY)).toMatch(/^Enter the Effective Date/);
    expect(effectiveDateProblem('2027-02-30', TODAY)).toMatch(/is not a date/);
    expect([isCalendarDate('2028-02-29'), isCalendarDate('2027-02-29'), isCalendarDate('12/01/2026')]).toEqual([true, false, false]);
  });

  it("reads today in America/New_York (the contracts' businessDateOf), not in UTC", () => {
    // 03:30 UTC on December 2 is still December 1 in Boston: December 1 stays a valid Effective Date.
    const lateEvening = new Date('2026-12-02T03:30:00Z');
    expect(businessToday(lateEvening)).toBe('2026-12-01');
    expect(effectiveDateProblem('2026-12-01', businessToday(lateEvening))).toBeNull();
    expect(businessToday(new Date('2026-12-02T05:30:00Z'))).toBe('2026-12-02');
  });
});

describe('linkability as the portal shows it', () => {
  it('says Yes for a clinical provider', () => {
    expect(linkabilityOf(ana)).toEqual({ linkable: true, label: 'Yes', reason: null });
  });

  it("says No for LTSS, Dentist and ORP, with the contract's reason", () => {
    for (const providerType of ['LTSS', 'DENTAL', 'ORP'] as const) {
      expect(linkabilityOf({ providerType })).toEqual({ linkable: false, label: 'No', reason: NOT_LINKABLE_REASONS[providerType] });
    }
    expect(linkabilityOf(ltss).reason).toMatch(/masshealthltss\.com/);
  });

  it('trusts the service when it says no for a type the portal does not know to refuse', () => {
    expect(linkabilityOf({ providerType: 'DIETITIAN', linkable: false, notLinkableReason: 'Not here' })).toEqual({
      linkable: false,
      label: 'No',
      reason: 'Not here',
    });
  });

  it('names providers and types in words', () => {
    expect(providerNameOf(ana)).toBe('Souza, Ana');
    expect(providerNameOf({ firstName: null, lastName: null })).toBe('Name not known');
    expect([providerTypeLabel('NURSE_PRACTITIONER'), providerTypeLabel('DENTAL'), providerTypeLabel(null)]).toEqual([
      'Nurse practitioner',
      'Dentist',
      'Not known',
    ]);
  });
});

describe('Search for Provider', () => {
  const criteria = { providerId: '', npi: '', name: '' };
  it('needs one field, any one: partial names are enough', () => {
    expect(searchCriteriaProblem(criteria)).toMatch(/^Enter the Provider ID, the NPI or part of the provider’s name/);
    expect(searchCriteriaProblem({ ...criteria, name: 'sou' })).toBeNull();
    expect(searchCriteriaProblem({ ...criteria, providerId: '210000001' })).toBeNull();
    expect(searchCriteriaProblem({ ...criteria, npi: '1234567893' })).toBeNull();
  });

  it('names a malformed Provider ID or NPI before searching', () => {
    expect(searchCriteriaProblem({ ...criteria, providerId: '2100' })).toMatch(/Provider ID is 9 digits/);
    expect(searchCriteriaProblem({ ...criteria, npi: '1234567890' })).toMatch(/is not a valid NPI/);
    expect(searchCriteriaProblem({ ...criteria, name: '--' })).toMatch(/at least one letter/);
  });
});

describe('the List of Servicing Providers', () => {
  it('shows each link period as current, previous or from a later date', () => {
    expect(linkPeriodStanding({ active: true, effectiveDate: '2026-01-01', endDate: null }, TODAY)).toBe('CURRENT');
    expect(linkPeriodStanding({ active: false, effectiveDate: '2025-01-01', endDate: '2025-06-30' }, TODAY)).toBe('PREVIOUS');
    expect(linkPeriodStanding({ active: false, effectiveDate: '2027-01-04', endDate: null }, TODAY)).toBe('UPCOMING');
  });
});

describe('the group link request steps', () => {
  it('goes as the job aid says: New Item → magnifying glass → Provider Name → Effective Date → Update → Submit → certify → Submit', () => {
    const steps: string[] = [];
    let state = initialLinkRequest();
    for (const event of [
      ...toAgreement,
      { type: 'certify', certified: true },
      { type: 'submit-agreement', today: TODAY },
      { type: 'submitted', confirmation: submitted },
    ] as LinkRequestEvent[]) {
      state = linkRequestReducer(state, event);
      steps.push(state.step);
    }
    expect(steps).toEqual([
      'search-existing',
      'search',
      'detail',
      'detail',
      'servicing-providers',
      'agreement',
      'agreement',
      'submitting',
      'submitted',
    ]);
    expect(state).toMatchObject({ confirmation: submitted, newItem: null, problem: null });
  });

  it('Update saves the new item to the List of Servicing Providers, where Submit sends it', () => {
    const updated = run(...toDetail, { type: 'enter-effective-date', date: '2027-01-04' }, { type: 'update', today: TODAY });
    expect(updated).toMatchObject({ step: 'servicing-providers', newItem: { provider: ana, effectiveDate: '2027-01-04' }, provider: null });
  });

  it('does not Update with an Effective Date before today, or without one', () => {
    expect(run(...toDetail, { type: 'enter-effective-date', date: '2026-11-30' }, { type: 'update', today: TODAY })).toMatchObject({
      step: 'detail',
      newItem: null,
      problem: { field: 'effectiveDate', message: expect.stringMatching(/cannot be before today/) },
    });
    expect(run(...toDetail, { type: 'update', today: TODAY })).toMatchObject({ step: 'detail', problem: { field: 'effectiveDate' } });
  });

  it('clears the date problem once a new date is typed', () => {
    const refused = run(...toDetail, { type: 'update', today: TODAY });
    expect(linkRequestReducer(refused, { type: 'enter-effective-date', date: TODAY }).problem).toBeNull();
  });

  it('never saves a provider who cannot be linked: the reason is the problem', () => {
    const state = run(
      { type: 'new-item' },
      { type: 'open-search' },
      { type: 'choose-provider', provider: ltss },
      { type: 'enter-effective-date', date: TODAY },
      { type: 'update', today: TODAY },
    );
    expect(state).toMatchObject({ step: 'detail', newItem: null, problem: { field: 'provider', message: NOT_LINKABLE_REASONS.LTSS } });
  });

  it('says to select New Item when Submit has nothing to send', () => {
    expect(run({ type: 'submit' })).toMatchObject({
      step: 'servicing-providers',
      problem: { field: 'new-item', message: expect.stringMatching(/Select New Item/) },
    });
  });

  it('does not submit the Agreement until the box is certified', () => {
    const refused = run(...toAgreement, { type: 'submit-agreement', today: TODAY });
    expect(refused).toMatchObject({ step: 'agreement', problem: { field: 'certification' } });
    expect(linkRequestReducer(refused, { type: 'certify', certified: true })).toMatchObject({ certified: true, problem: null });
  });

  it('goes back to Date Detail when the day turned past the Effective Date before Submit', () => {
    const state = run(...toAgreement, { type: 'certify', certified: true }, { type: 'submit-agreement', today: '2026-12-02' });
    expect(state).toMatchObject({ step: 'detail', provider: ana, effectiveDate: TODAY, problem: { field: 'effectiveDate' } });
  });

  it('shows a refused submission on the Agreement, or on Date Detail when the date was refused', () => {
    const submitting = run(...toAgreement, { type: 'certify', certified: true }, { type: 'submit-agreement', today: TODAY });
    expect(linkRequestReducer(submitting, { type: 'failed', message: 'Provider 210000001 is already linked' })).toMatchObject({
      step: 'agreement',
      certified: true,
      problem: { field: 'submit', message: 'Provider 210000001 is already linked' },
    });
    expect(
      linkRequestReducer(submitting, { type: 'failed', message: 'The effective date cannot be before today', field: 'effectiveDate' }),
    ).toMatchObject({
      step: 'detail',
      provider: ana,
      problem: { field: 'effectiveDate' },
    });
  });

  it('ignores events out of turn: no second submission, no Update outside Date Detail', () => {
    const submitting = run(...toAgreement, { type: 'certify', certified: true }, { type: 'submit-agreement', today: TODAY });
    expect(linkRequestReducer(submitting, { type: 'submit-agreement', today: TODAY })).toBe(submitting);
    expect(linkRequestReducer(submitting, { type: 'back' })).toBe(submitting);
    const list = initialLinkRequest();
    expect(linkRequestReducer(list, { type: 'update', today: TODAY })).toBe(list);
  });

  it('Back and Remove return to the panel before; Remove drops the saved item', () => {
    expect(run(...toDetail, { type: 'back' }).step).toBe('search');
    expect(run({ type: 'new-item' }, { type: 'back' }).step).toBe('servicing-providers');
    const saved = run(...toDetail, { type: 'enter-effective-date', date: TODAY }, { type: 'update', today: TODAY });
    const again = [
      { type: 'new-item' },
      { type: 'open-search' },
      { type: 'choose-provider', provider: ana },
      { type: 'remove' },
    ] as LinkRequestEvent[];
    expect(again.reduce(linkRequestReducer, saved)).toMatchObject({ step: 'servicing-providers', newItem: null });
  });

  it('numbers the panels for the step list', () => {
    expect(['servicing-providers', 'search', 'detail', 'submitting', 'submitted'].map((s) => panelIndexOf(s as LinkRequestState['step']))).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });
});

describe('the confirmation', () => {
  it('gives the due date (10 business days) and the letter to the DBA address', () => {
    const lines = confirmationLines(submitted, 'Harbor Family Medicine');
    expect(lines[1]).toBe('All provider file update requests are processed within 10 business days: this one is due by Tuesday, December 15, 2026.');
    expect(lines[2]).toBe("A letter will be sent to Harbor Family Medicine's DBA address once the change request is processed.");
    expect(formatCalendarDate('2027-01-04')).toBe('Monday, January 4, 2027');
  });
});

describe('End link: the unlink request on the same panels', () => {
  const lee: LinkToEnd = {
    providerId: '210000009',
    npi: '1234567893',
    firstName: 'Jo',
    lastName: 'Lee',
    providerType: 'PHYSICIAN',
    effectiveDate: '2025-01-02',
    endDate: null,
  };
  const toEndAgreement: LinkRequestEvent[] = [
    { type: 'end-link', link: lee },
    { type: 'enter-end-date', date: '2026-12-31' },
    { type: 'confirm-end-date', today: TODAY },
  ];

  it('goes End link → End Date → Agreement, and asks for a date not before today', () => {
    const ending = run({ type: 'end-link', link: lee });
    expect(ending).toMatchObject({ step: 'end-date', unlink: { link: lee, endDate: '' } });
    expect(journeyPanelsOf(ending)).toBe(END_LINK_PANELS);
    expect(panelIndexOf(ending.step, END_LINK_PANELS)).toBe(1);
    expect(linkRequestReducer(ending, { type: 'confirm-end-date', today: TODAY }).problem).toMatchObject({ field: 'endDate' });
    const past = run({ type: 'end-link', link: lee }, { type: 'enter-end-date', date: '2026-11-30' }, { type: 'confirm-end-date', today: TODAY });
    expect(past).toMatchObject({ step: 'end-date', problem: { field: 'endDate', message: expect.stringMatching(/cannot be before today/) } });
    const typed = linkRequestReducer(past, { type: 'enter-end-date', date: '2026-12-31' });
    expect(typed.problem).toBeNull();
    expect(run(...toEndAgreement)).toMatchObject({ step: 'agreement', certified: false, problem: null });
  });

  it('needs the certification, checks the End Date again, then submits; the confirmation keeps the link ended', () => {
    const agreement = run(...toEndAgreement);
    expect(linkRequestReducer(agreement, { type: 'submit-agreement', today: TODAY }).problem).toMatchObject({ field: 'certification' });
    const certified = linkRequestReducer(agreement, { type: 'certify', certified: true });
    expect(linkRequestReducer(certified, { type: 'submit-agreement', today: '2027-01-02' })).toMatchObject({
      step: 'end-date',
      problem: { field: 'endDate' },
    });
    const submitting = linkRequestReducer(certified, { type: 'submit-agreement', today: TODAY });
    expect(submitting.step).toBe('submitting');
    const done = linkRequestReducer(submitting, { type: 'submitted', confirmation: submitted });
    expect(done).toMatchObject({ step: 'submitted', unlink: { endDate: '2026-12-31' }, confirmation: submitted });
    expect(panelIndexOf(done.step, journeyPanelsOf(done))).toBe(3);
    expect(linkRequestReducer(done, { type: 'start-again' })).toEqual(initialLinkRequest());
  });

  it('goes back a panel at a time, and returns to the End Date when the service refuses it', () => {
    const agreement = run(...toEndAgreement);
    expect(linkRequestReducer(agreement, { type: 'back' })).toMatchObject({ step: 'end-date', unlink: { endDate: '2026-12-31' } });
    expect(run({ type: 'end-link', link: lee }, { type: 'back' })).toMatchObject({ step: 'servicing-providers', unlink: null });
    const submitting = [{ type: 'certify', certified: true }, { type: 'submit-agreement', today: TODAY }] as LinkRequestEvent[];
    const sent = submitting.reduce(linkRequestReducer, agreement);
    expect(linkRequestReducer(sent, { type: 'failed', message: 'Provider 210000009 is not linked to 110000001A on 2026-12-31', field: 'endDate' })).toMatchObject({
      step: 'end-date',
      problem: { field: 'endDate', message: expect.stringMatching(/not linked/) },
    });
    expect(linkRequestReducer(sent, { type: 'failed', message: 'A request for provider 210000009 at 110000001A is already pending' })).toMatchObject({
      step: 'agreement',
      problem: { field: 'submit' },
    });
  });

  it('keeps a new item that Update saved while a link is ended', () => {
    const saved = run(...toDetail, { type: 'enter-effective-date', date: TODAY }, { type: 'update', today: TODAY });
    const events = [...toEndAgreement, { type: 'certify', certified: true }, { type: 'submit-agreement', today: TODAY }] as LinkRequestEvent[];
    const done = linkRequestReducer(events.reduce(linkRequestReducer, saved), { type: 'submitted', confirmation: submitted });
    expect(done.newItem).toMatchObject({ provider: ana });
    expect(linkRequestReducer(done, { type: 'start-again' })).toMatchObject({ step: 'servicing-providers', unlink: null, newItem: { provider: ana } });
  });

  it('confirms with the link ended, its End Date, the due date and the letter', () => {
    const lines = endLinkConfirmationLines(submitted, 'Harbor Family Medicine', { link: lee, endDate: '2026-12-31' });
    expect(lines[0]).toBe('Your request to end the link of Lee, Jo (Provider ID 210000009) on Thursday, December 31, 2026 was submitted. Request ID: r-1.');
    expect(lines[1]).toMatch(/due by Tuesday, December 15, 2026/);
    expect(lines[2]).toMatch(/Harbor Family Medicine's DBA address/);
  });
});
