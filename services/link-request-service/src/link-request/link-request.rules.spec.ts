import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { LINK_EXCLUDED_PROVIDER_TYPES, NOT_LINKABLE_PROVIDER_TYPES, notLinkableReason, ProviderType } from '@rosterlink/contracts';
import {
  alreadyPending,
  assigneeFilterRefusal,
  assigneeOf,
  assignmentAction,
  assignmentNote,
  assignmentRefusal,
  callerOf,
  currentAssignee,
  decidableRefusal,
  deciderRefusal,
  decisionRefusal,
  isInternalAction,
  isSameAssignee,
  noteAddedNote,
  noteRefusal,
  visibleHistory,
  isOpen,
  linkChangeOf,
  listableLocationsOf,
  listFilterRefusal,
  slaDueDates,
  slaStanding,
  Submission,
  SubmissionFacts,
  submissionRefusal,
  submittedAction,
} from './link-request.rules';

const TODAY = '2026-11-24';
const PIDSL = '110000001A';
const physician = {
  pid: '210000001',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN' as ProviderType,
};
const link = (overrides: Partial<Submission> = {}): Submission => ({
  kind: 'LINK',
  pidsl: PIDSL,
  servicingProviderId: physician.pid,
  effectiveDate: TODAY,
  ...overrides,
});
const unlink = (overrides: Partial<Submission> = {}): Submission => ({
  kind: 'UNLINK',
  pidsl: PIDSL,
  servicingProviderId: physician.pid,
  endDate: TODAY,
  ...overrides,
});
const facts = (overrides: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  locationExists: true,
  provider: physician,
  link: null,
  ...overrides,
});

describe('link request rules', () => {
  describe('submitting', () => {
    it('accepts a link from today with no link in the way', () => {
      expect(submissionRefusal(link(), facts(), TODAY)).toBeNull();
      expect(submissionRefusal(link({ endDate: TODAY }), facts(), TODAY)).toBeNull();
    });

    it('reports the first rule broken: location, then provider, then dates, then links', () => {
      const everythingWrong = facts({
        locationExists: false,
        provider: null,
        link: { effectiveDate: '2026-01-01', endDate: null },
      });
      expect(submissionRefusal(link({ effectiveDate: '2026-11-01' }), everythingWrong, TODAY)).toEqual({
        kind: 'NOT_FOUND',
        message: 'Service location 110000001A not found',
      });
      expect(submissionRefusal(link({ effectiveDate: '2026-11-01' }), { ...everythingWrong, locationExists: true }, TODAY)).toEqual({
        kind: 'INVALID',
        field: 'servicingProviderId',
        message: 'No individual servicing provider has the Provider ID 210000001',
      });
      expect(submissionRefusal(link({ effectiveDate: '2026-11-01' }), facts({ link: everythingWrong.link }), TODAY)).toMatchObject({
        kind: 'INVALID',
        field: 'effectiveDate',
      });
    });

    it.each(['LTSS', 'DENTAL', 'ORP'] as const)(
      'refuses a %s provider with the contract wording of where to go instead',
      (providerType) => {
        const refusal = submissionRefusal(link(), facts({ provider: { ...physician, providerType } }), TODAY);
        expect(refusal).toEqual({
          kind: 'INVALID',
          field: 'servicingProviderId',
          message: notLinkableReason(providerType),
        });
      },
    );

    it('says where LTSS and dental providers must go instead', () => {
      expect(notLinkableReason('LTSS')).toContain('masshealthltss.com');
      expect(notLinkableReason('DENTAL')).toContain('masshealth-dental.net');
      expect(notLinkableReason('ORP')).toContain('ORP');
      expect(notLinkableReason('PHYSICIAN')).toBeUndefined();
    });

    it('has one list of provider types the portal does not link', () => {
      expect([...NOT_LINKABLE_PROVIDER_TYPES].sort()).toEqual([...LINK_EXCLUDED_PROVIDER_TYPES].sort()) // one list under two names;
    });

    it('does not backdate: a link from yesterday, an unlink ending yesterday; an end before the start', () => {
      expect(submissionRefusal(link({ effectiveDate: '2026-11-23' }), facts(), TODAY)).toEqual({
        kind: 'INVALID',
        field: 'effectiveDate',
        message: 'The effective date cannot be before today (2026-11-24): MassHealth does not backdate group links',
      });
      expect(submissionRefusal(link({ effectiveDate: '2026-12-01', endDate: '2026-11-30' }), facts(), TODAY)).toEqual({
        kind: 'INVALID',
        field: 'endDate',
        message: 'The end date must be on or after the effective date',
      });
      expect(submissionRefusal(unlink({ endDate: '2026-11-23' }), facts(), TODAY)).toEqual({
        kind: 'INVALID',
        field: 'endDate',
        message: 'The end date cannot be before today (2026-11-24): MassHealth does not backdate changes',
      });
    });

    it('refuses a link overlapping one, and an unlink of a provider not linked on the end date', () => {
      expect(
        submissionRefusal(
          link(),
          facts({
            link: { effectiveDate: '2026-12-01', endDate: '2027-01-31' },
          }),
          TODAY,
        ),
      ).toEqual({
        kind: 'CONFLICT',
        message: 'Provider 210000001 is already linked to 110000001A from 2026-12-01 to 2027-01-31',
      });
      expect(submissionRefusal(link(), facts({ link: { effectiveDate: '2026-12-01', endDate: null } }), TODAY)?.message).toBe(
        'Provider 210000001 is already linked to 110000001A from 2026-12-01',
      );
      expect(submissionRefusal(unlink(), facts(), TODAY)).toEqual({
        kind: 'CONFLICT',
        message: 'Provider 210000001 is not linked to 110000001A on 2026-11-24',
      });
      expect(submissionRefusal(unlink(), facts({ link: { effectiveDate: '2026-01-01', endDate: null } }), TODAY)).toBeNull();
    });

    it('allows one open request per provider and location, and names what was requested', () => {
      expect(alreadyPending('210000001', PIDSL)).toEqual({
        kind: 'CONFLICT',
        message: 'A request for provider 210000001 at 110000001A is already pending',
      });
      expect([submittedAction('LINK'), submittedAction('UNLINK')]).toEqual(['LINK_REQUESTED', 'UNLINK_REQUESTED']);
    });
  });

  describe('deciding', () => {
    it('needs a reason to deny', () => {
      expect(decisionRefusal('DENIED', '  ')).toEqual({
        kind: 'INVALID',
        field: 'reason',
        message: 'A denial needs a reason: it is printed on the letter',
        detail: 'required when the decision is DENIED',
      });
      expect(decisionRefusal('DENIED', 'No contract')).toBeNull();
      expect(decisionRefusal('APPROVED', undefined)).toBeNull();
    });

    it('decides an open request exactly once', () => {
      const id = '7d0a4c2e-0000-4000-8000-000000000000';
      expect(decidableRefusal(id, null)).toEqual({
        kind: 'NOT_FOUND',
        message: `Link request ${id} not found`,
      });
      expect(decidableRefusal(id, { status: 'SUBMITTED' })).toBeNull();
      expect(decidableRefusal(id, { status: 'APPROVED' })).toEqual({
        kind: 'CONFLICT',
        message: `Link request ${id} was already APPROVED`,
        status: 'APPROVED',
      });
      expect([isOpen('SUBMITTED'), isOpen('APPROVED'), isOpen('DENIED')]).toEqual([true, false, false]);
    });

    it('changes the links only on approval: a link creates one, an unlink ends one', () => {
      expect([
        linkChangeOf('LINK', 'APPROVED'),
        linkChangeOf('UNLINK', 'APPROVED'),
        linkChangeOf('LINK', 'DENIED'),
        linkChangeOf('UNLINK', 'DENIED'),
      ]).toEqual(['CREATE', 'END', null, null]);
    });
  });

  describe('who decides', () => {
    const id = '7d0a4c2e-0000-4000-8000-000000000000';
    const dana = { id: 'analyst-dana', name: 'Dana Whitfield', isAdmin: false };
    const lee = { id: 'analyst-lee', name: 'Lee Park', isAdmin: false };
    const supervisor = { id: 'admin-sam', name: 'Sam Okafor', isAdmin: true };
    const assignedToDana = { assigneeId: dana.id, assigneeName: dana.name };
    const unassigned = { assigneeId: null, assigneeName: null };

    it('lets any back-office user decide while assignment is not required', () => {
      for (const request of [assignedToDana, unassigned]) {
        for (const decider of [dana, lee, supervisor]) expect(deciderRefusal(id, request, decider, false)).toBeNull();
      }
    });

    it('while assignment is required, lets the assignee and an admin decide, and nobody else', () => {
      expect(deciderRefusal(id, assignedToDana, dana, true)).toBeNull();
      expect(deciderRefusal(id, assignedToDana, supervisor, true)).toBeNull();
      expect(deciderRefusal(id, unassigned, supervisor, true)).toBeNull();
      expect(deciderRefusal(id, assignedToDana, lee, true)).toEqual({
        kind: 'CONFLICT',
        message: `Link request ${id} is assigned to Dana Whitfield: only they or an admin may decide it (assignment is required)`,
      });
      expect(deciderRefusal(id, unassigned, dana, true)).toEqual({
        kind: 'CONFLICT',
        message:
          `Link request ${id} is not assigned to anyone: assign it to yourself before deciding it ` +
          '(only its assignee or an admin may decide a request while assignment is required)',
      });
    });

    it('knows an admin, the supervisor, by the role', () => {
      expect(callerOf({ id: 'admin-sam', name: 'Sam Okafor', roles: ['admin'] })).toEqual(supervisor);
      expect(callerOf({ id: 'analyst-dana', name: 'Dana Whitfield', roles: ['back-office'] })).toEqual(dana);
    });
  });

  describe('who assigns, and to whom', () => {
    const id = '7d0a4c2e-0000-4000-8000-000000000000';
    const dana = { id: 'analyst-dana', name: 'Dana Whitfield', isAdmin: false };
    const lee = { id: 'analyst-lee', name: 'Lee Park', isAdmin: false };
    const supervisor = { id: 'admin-sam', name: 'Sam Okafor', isAdmin: true };
    const open = (assigneeId: string | null = null, assigneeName: string | null = null) => ({ status: 'SUBMITTED' as const, assigneeId, assigneeName });

    it('assigns, hands on and unassigns an open request, for any back-office user while assignment is not required', () => {
      for (const caller of [dana, lee, supervisor]) {
        expect(assignmentRefusal(id, open(), caller, false)).toBeNull();
        expect(assignmentRefusal(id, open(dana.id, dana.name), caller, false)).toBeNull();
      }
    });

    it('never assigns or unassigns a decided request: it keeps its assignee', () => {
      for (const status of ['APPROVED', 'DENIED'] as const) {
        for (const required of [false, true]) {
          expect(assignmentRefusal(id, { status, assigneeId: dana.id, assigneeName: dana.name }, supervisor, required)).toEqual({
            kind: 'CONFLICT',
            message: `Link request ${id} was already ${status}: a decided request cannot be assigned or unassigned`,
            status,
          });
        }
      }
      expect(assignmentRefusal(id, null, dana, false)).toEqual({ kind: 'NOT_FOUND', message: `Link request ${id} not found` });
    });

    it('while assignment is required, leaves a request assigned to someone else to them or an admin', () => {
      expect(assignmentRefusal(id, open(), lee, true)).toBeNull();
      expect(assignmentRefusal(id, open(dana.id, dana.name), dana, true)).toBeNull();
      expect(assignmentRefusal(id, open(dana.id, dana.name), supervisor, true)).toBeNull();
      expect(assignmentRefusal(id, open(dana.id, dana.name), lee, true)).toEqual({
        kind: 'CONFLICT',
        message: `Link request ${id} is assigned to Dana Whitfield: only they or an admin may reassign it (assignment is required)`,
      });
    });

    it('records your own token’s name when you take a request, and needs a name for someone else', () => {
      expect(assigneeOf({ userId: dana.id }, dana)).toEqual({ userId: dana.id, name: 'Dana Whitfield' });
      expect(assigneeOf({ userId: dana.id, name: 'Someone Else' }, dana)).toEqual({ userId: dana.id, name: 'Dana Whitfield' });
      expect(assigneeOf({ userId: lee.id, name: '  Lee Park ' }, dana)).toEqual({ userId: lee.id, name: 'Lee Park' });
      expect(assigneeOf({ userId: lee.id, name: ' ' }, dana)).toEqual({
        kind: 'INVALID',
        field: 'name',
        message: 'Name the analyst analyst-lee: a display name is needed to assign a request to someone else',
        detail: 'required when userId is not yours',
      });
    });

    it('records nothing for the assignee a request already has, and says who it went to and from', () => {
      const toDana = { userId: dana.id, name: dana.name };
      expect(isSameAssignee({ assigneeId: dana.id, assigneeName: dana.name }, toDana)).toBe(true);
      expect(isSameAssignee({ assigneeId: dana.id, assigneeName: 'Dana W.' }, toDana)).toBe(false);
      expect(isSameAssignee({ assigneeId: null, assigneeName: null }, null)).toBe(true);
      expect(isSameAssignee({ assigneeId: dana.id, assigneeName: dana.name }, null)).toBe(false);
      expect(currentAssignee({ assigneeId: dana.id, assigneeName: dana.name })).toEqual(toDana);
      expect(currentAssignee({ assigneeId: null, assigneeName: null })).toBeNull();

      const toLee = { userId: lee.id, name: lee.name };
      expect(assignmentNote(null, toDana)).toBe('to Dana Whitfield (analyst-dana)');
      expect(assignmentNote(toDana, toLee)).toBe('to Lee Park (analyst-lee), was Dana Whitfield (analyst-dana)');
      expect(assignmentNote(toLee, null)).toBe('was Lee Park (analyst-lee)');
      expect([assignmentAction(toDana), assignmentAction(null)]).toEqual(['ASSIGNED', 'UNASSIGNED']);
    });

    it('refuses an assignee filter to a provider user: the back office’s work is internal', () => {
      expect(assigneeFilterRefusal({ isBackOffice: false }, 'me')).toEqual({
        kind: 'FORBIDDEN',
        message: 'Only the back office may filter link requests by assignee: this needs a back-office role',
      });
      expect(assigneeFilterRefusal({ isBackOffice: false }, undefined)).toBeNull();
      expect(assigneeFilterRefusal({ isBackOffice: true }, 'none')).toBeNull();
    });
  });

  describe('notes and the history', () => {
    it('needs words in a note, and names only the note (never its text) in the history', () => {
      expect(noteRefusal(' \n\t ')).toEqual({ kind: 'INVALID', field: 'text', message: 'A note needs some text', detail: 'must not be blank' });
      expect(noteRefusal('Called the practice')).toBeNull();
      expect(noteAddedNote('5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a01')).toBe('note 5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a01');
    });

    it('shows the back office the whole history, and a provider user the request’s course without the back office’s work', () => {
      const history = ['LINK_REQUESTED', 'ASSIGNED', 'NOTE_ADDED', 'SLA_WARNING', 'UNASSIGNED', 'APPROVED'].map((action) => ({ action }));
      expect(visibleHistory({ isBackOffice: true }, history)).toEqual(history);
      expect(visibleHistory({ isBackOffice: false }, history).map((h) => h.action)).toEqual(['LINK_REQUESTED', 'SLA_WARNING', 'APPROVED']);
      expect(['ASSIGNED', 'UNASSIGNED', 'NOTE_ADDED', 'APPROVED'].map(isInternalAction)).toEqual([true, true, true, false]);
    });
  });

  describe('listing', () => {
    const backOffice = { isBackOffice: true, grants: [] };
    const provider = { isBackOffice: false, grants: [PIDSL, '110000001B'] };

    it('lists every location for the back office, the granted ones for a provider user', () => {
      expect(listableLocationsOf(backOffice)).toBeNull();
      expect(listableLocationsOf(provider)).toEqual([PIDSL, '110000001B']);
      expect(listableLocationsOf({ isBackOffice: false, grants: [] })).toEqual([]);
    });

    it('refuses a pidsl filter outside a provider user’s grants as not found, and nothing else', () => {
      expect(listFilterRefusal(provider, '110000001C')).toEqual({ kind: 'NOT_FOUND', message: 'Service location 110000001C not found' });
      expect(listFilterRefusal(provider, PIDSL)).toBeNull();
      expect(listFilterRefusal(provider, undefined)).toBeNull();
      expect(listFilterRefusal(backOffice, '110000001C')).toBeNull();
    });
  });

  describe('slaStanding', () => {
    const calendar = new BusinessCalendar(defaultClosures(2026, 2027));

    it('counts the business days left of an open request, and nothing once decided', () => {
      expect(slaStanding({ status: 'SUBMITTED', dueDate: '2026-12-08', slaStartDate: TODAY }, calendar, TODAY)).toEqual({
        businessDaysRemaining: calendar.businessDaysBetween(TODAY, '2026-12-08'),
        slaState: 'ON_TRACK',
      });
      expect(slaStanding({ status: 'SUBMITTED', dueDate: '2026-11-20', slaStartDate: '2026-11-06' }, calendar, TODAY)).toMatchObject({ slaState: 'BREACHED' });
      expect(slaStanding({ status: 'DENIED', dueDate: '2026-11-20', slaStartDate: '2026-11-06' }, calendar, TODAY)).toEqual({
        businessDaysRemaining: null,
        slaState: null,
      });
    });
  });

  describe('slaDueDates', () => {
    const calendar = new BusinessCalendar(defaultClosures(2026, 2027));

    it('agrees with slaState and businessDaysBetween on every due date around today', () => {
      for (const today of [
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
        '2026-11-28',
        '2026-12-04',
        '2026-12-07',
        '2026-12-24',
        '2026-12-31',
      ]) {
        const { breachedBefore, warning } = slaDueDates(calendar, today);
        const warned = new Map(warning.map((w) => [w.dueDate, w.businessDaysRemaining]));
        let dueDate = '2026-11-01';
        for (let i = 0; i < 120; i++) {
          const state = calendar.slaState(today, dueDate);
          expect([dueDate, dueDate < breachedBefore]).toEqual([dueDate, state === 'BREACHED']);
          expect([dueDate, warned.has(dueDate)]).toEqual([dueDate, state === 'WARNING']);
          if (warned.has(dueDate)) expect(warned.get(dueDate)).toBe(calendar.businessDaysBetween(today, dueDate));
          dueDate = new Date(Date.parse(`${dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        }
      }
    });

    it('spans a holiday weekend: on Wednesday before Thanksgiving 2026, Wednesday to Monday are in warning', () => {
      // 26 Nov is Thanksgiving; from Wednesday the 25th: Fri 27 (1), Mon 30 (2), Tue 1 Dec (3).
      expect(slaDueDates(calendar, '2026-11-25').warning).toEqual([
        { dueDate: '2026-11-25', businessDaysRemaining: 0 },
        { dueDate: '2026-11-26', businessDaysRemaining: 0 },
        { dueDate: '2026-11-27', businessDaysRemaining: 1 },
        { dueDate: '2026-11-28', businessDaysRemaining: 1 },
        { dueDate: '2026-11-29', businessDaysRemaining: 1 },
        { dueDate: '2026-11-30', businessDaysRemaining: 2 },
      ]);
    });
  });
});
