import {
  accessRefusals,
  grantDecision,
  manageRefusal,
  mayManage,
  namePrimaryDecision,
  NO_ACCESS,
  revokeDecision,
  serviceLocationExists,
  stateOf,
  USER_ID_PATTERN,
} from './grant.rules';

const PIDSL = '110000001A';
const GROUP = { pid: '110000001', serviceLocations: ['A', 'B'] };
const BACK_OFFICE = { id: 'back-office-1', isBackOffice: true };
const PRIMARY = { id: 'primary-1', isBackOffice: false };
const OTHER_PROVIDER = { id: 'provider-2', isBackOffice: false };

describe('grant rules', () => {
  describe('serviceLocationExists', () => {
    it('holds when the group is known and has the location', () => {
      expect(serviceLocationExists('110000001A', GROUP)).toBe(true);
      expect(serviceLocationExists('110000001B', GROUP)).toBe(true);
    });

    it('fails for an unknown group, a location the group does not have, or another group', () => {
      expect(serviceLocationExists(PIDSL, null)).toBe(false);
      expect(serviceLocationExists('110000001C', GROUP)).toBe(false);
      expect(serviceLocationExists('110000002A', GROUP)).toBe(false);
    });
  });

  describe('who may manage a PID/SL', () => {
    it('lets the back office (and admins) manage any PID/SL, with or without a Primary User', () => {
      expect(mayManage(BACK_OFFICE, null)).toBe(true);
      expect(mayManage(BACK_OFFICE, 'primary-1')).toBe(true);
    });

    it('lets a provider user manage only the PID/SLs they are Primary User of', () => {
      expect(mayManage(PRIMARY, 'primary-1')).toBe(true);
      expect(mayManage(OTHER_PROVIDER, 'primary-1')).toBe(false);
      expect(mayManage(PRIMARY, null)).toBe(false);
    });

    it('answers 404, never 403, outside one’s primaries, and the same 404 for a PID/SL that does not exist', () => {
      const notFound = { kind: 'not-found', message: 'Service location 110000001A not found' };
      expect(manageRefusal(OTHER_PROVIDER, PIDSL, GROUP, 'primary-1')).toEqual(notFound);
      expect(manageRefusal(BACK_OFFICE, PIDSL, null, null)).toEqual(notFound);
      expect(manageRefusal(PRIMARY, PIDSL, null, 'primary-1')).toEqual(notFound);
      expect(manageRefusal(BACK_OFFICE, '110000001C', GROUP, null)).toEqual({ ...notFound, message: accessRefusals.notFound('110000001C') });
      expect(manageRefusal(PRIMARY, PIDSL, GROUP, 'primary-1')).toBeNull();
      expect(manageRefusal(BACK_OFFICE, PIDSL, GROUP, null)).toBeNull();
    });
  });

  describe('grantDecision', () => {
    it('grants a user without access: GRANTED, not primary', () => {
      expect(grantDecision('user-3', null)).toEqual({
        changes: [{ userId: 'user-3', change: 'GRANTED', before: NO_ACCESS, after: { granted: true, primary: false } }],
      });
    });

    it('changes nothing for a user who already has access (a replayed PUT), primary or not', () => {
      expect(grantDecision('user-3', { userId: 'user-3', primary: false })).toEqual({ changes: [] });
      expect(grantDecision('primary-1', { userId: 'primary-1', primary: true })).toEqual({ changes: [] });
    });
  });

  describe('revokeDecision', () => {
    const primaryGrant = { userId: 'primary-1', primary: true };

    it('revokes a user’s access, with the state before', () => {
      expect(revokeDecision(PRIMARY, PIDSL, { userId: 'user-3', primary: false }, ['primary-1'])).toEqual({
        changes: [{ userId: 'user-3', change: 'REVOKED', before: { granted: true, primary: false }, after: NO_ACCESS }],
      });
    });

    it('changes nothing for a user without access (a replayed DELETE)', () => {
      expect(revokeDecision(PRIMARY, PIDSL, null, ['primary-1'])).toEqual({ changes: [] });
    });

    it('refuses the last Primary User removing themselves (409), naming what to do instead', () => {
      expect(revokeDecision(PRIMARY, PIDSL, primaryGrant, ['primary-1'])).toEqual({
        refusal: {
          kind: 'conflict',
          message: 'You are the only Primary User of 110000001A: name another Primary User before removing your own access',
        },
      });
    });

    it('refuses it to a back-office user who is the only Primary User too', () => {
      const backOfficePrimary = { userId: BACK_OFFICE.id, primary: true };
      expect(revokeDecision(BACK_OFFICE, PIDSL, backOfficePrimary, [BACK_OFFICE.id])).toMatchObject({ refusal: { kind: 'conflict' } });
    });

    it('lets a Primary User leave when another Primary User remains', () => {
      expect(revokeDecision(PRIMARY, PIDSL, primaryGrant, ['primary-1', 'primary-2'])).toEqual({
        changes: [{ userId: 'primary-1', change: 'REVOKED', before: { granted: true, primary: true }, after: NO_ACCESS }],
      });
    });

    it('lets the back office revoke the Primary User, leaving the PID/SL without one', () => {
      expect(revokeDecision(BACK_OFFICE, PIDSL, primaryGrant, ['primary-1'])).toEqual({
        changes: [{ userId: 'primary-1', change: 'REVOKED', before: { granted: true, primary: true }, after: NO_ACCESS }],
      });
    });
  });

  describe('namePrimaryDecision', () => {
    it('names a first Primary User: the back office may name someone without access, granting it', () => {
      expect(namePrimaryDecision(BACK_OFFICE, PIDSL, { userId: 'user-3', held: null }, null)).toEqual({
        changes: [{ userId: 'user-3', change: 'PRIMARY_NAMED', before: NO_ACCESS, after: { granted: true, primary: true } }],
      });
    });

    it('replaces the Primary User: the previous one keeps access, demoted first so there is never two', () => {
      expect(namePrimaryDecision(BACK_OFFICE, PIDSL, { userId: 'user-3', held: { userId: 'user-3', primary: false } }, 'primary-1')).toEqual({
        changes: [
          { userId: 'primary-1', change: 'PRIMARY_REMOVED', before: { granted: true, primary: true }, after: { granted: true, primary: false } },
          { userId: 'user-3', change: 'PRIMARY_NAMED', before: { granted: true, primary: false }, after: { granted: true, primary: true } },
        ],
      });
    });

    it('lets a Primary User hand the role on to another user of the PID/SL', () => {
      const decision = namePrimaryDecision(PRIMARY, PIDSL, { userId: 'user-3', held: { userId: 'user-3', primary: false } }, 'primary-1');
      expect(decision).toEqual({
        changes: [
          expect.objectContaining({ userId: 'primary-1', change: 'PRIMARY_REMOVED', after: { granted: true, primary: false } }),
          expect.objectContaining({ userId: 'user-3', change: 'PRIMARY_NAMED', after: { granted: true, primary: true } }),
        ],
      });
    });

    it('refuses a Primary User handing the role to someone without access (409)', () => {
      expect(namePrimaryDecision(PRIMARY, PIDSL, { userId: 'user-9', held: null }, 'primary-1')).toEqual({
        refusal: {
          kind: 'conflict',
          message: 'User user-9 has no access to 110000001A: grant them access first, then hand the Primary User role on',
        },
      });
    });

    it('changes nothing when the user is the Primary User already', () => {
      expect(namePrimaryDecision(BACK_OFFICE, PIDSL, { userId: 'primary-1', held: { userId: 'primary-1', primary: true } }, 'primary-1')).toEqual({
        changes: [],
      });
      expect(namePrimaryDecision(PRIMARY, PIDSL, { userId: 'primary-1', held: { userId: 'primary-1', primary: true } }, 'primary-1')).toEqual({
        changes: [],
      });
    });
  });

  it('reads a held grant as its state', () => {
    expect(stateOf(null)).toEqual({ granted: false, primary: false });
    expect(stateOf({ primary: false })).toEqual({ granted: true, primary: false });
    expect(stateOf({ primary: true })).toEqual({ granted: true, primary: true });
  });

  it('takes user ids as IdPs give them, and nothing that could break a path', () => {
    for (const id of ['demo-provider-harbor', 'auth0|5f7c8ec7', 'user@example.org', 'a']) expect(USER_ID_PATTERN.test(id)).toBe(true);
    for (const id of ['', 'a b', 'a/b', '../x', 'x'.repeat(129)]) expect(USER_ID_PATTERN.test(id)).toBe(false);
  });
});
