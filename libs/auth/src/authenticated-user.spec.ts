import { AuthenticatedUser } from './authenticated-user';

describe('AuthenticatedUser', () => {
  describe('a provider user', () => {
    const user = new AuthenticatedUser('u1', 'Pat', ['provider'], ['110000001A', '110000001B', '120000002C']);

    it('is not back office', () => {
      expect(user.isBackOffice).toBe(false);
    });

    it('acts for the groups of its grants only', () => {
      expect(user.canActForGroup('110000001')).toBe(true);
      expect(user.canActForGroup('120000002')).toBe(true);
      expect(user.canActForGroup('130000003')).toBe(false);
      expect(user.canActForGroup('11000000')).toBe(false);
      expect(user.canActForGroup('')).toBe(false);
    });

    it('acts for the granted locations only', () => {
      expect(user.canActForLocation('110000001A')).toBe(true);
      expect(user.canActForLocation('110000001B')).toBe(true);
      expect(user.canActForLocation('120000002C')).toBe(true);
      // Another location of a granted group is not itself granted.
      expect(user.canActForLocation('110000001C')).toBe(false);
      expect(user.canActForLocation('120000002A')).toBe(false);
      expect(user.canActForLocation('110000001')).toBe(false);
      expect(user.canActForLocation('110000001a')).toBe(false);
    });

    it('lists each granted group once, in grant order', () => {
      expect(user.grantedGroupIds).toEqual(['110000001', '120000002']);
    });
  });

  it('a provider user without grants reaches nothing', () => {
    const user = new AuthenticatedUser('u2', 'Nobody', ['provider'], []);
    expect(user.grantedGroupIds).toEqual([]);
    expect(user.canActForGroup('110000001')).toBe(false);
    expect(user.canActForLocation('110000001A')).toBe(false);
  });

  it('a user without roles is not back office and reaches only its grants', () => {
    const user = new AuthenticatedUser('u3', 'Roleless', [], ['110000001A']);
    expect(user.isBackOffice).toBe(false);
    expect(user.canActForGroup('110000001')).toBe(true);
    expect(user.canActForGroup('120000002')).toBe(false);
  });

  it.each([[['back-office'] as const], [['admin'] as const], [['provider', 'admin'] as const]])(
    'roles %j reach every group and location',
    (roles) => {
      const user = new AuthenticatedUser('bo', 'Back Office', roles, []);
      expect(user.isBackOffice).toBe(true);
      expect(user.canActForGroup('110000001')).toBe(true);
      expect(user.canActForGroup('999999999')).toBe(true);
      expect(user.canActForLocation('110000001A')).toBe(true);
      expect(user.canActForLocation('999999999Z')).toBe(true);
    },
  );
});
