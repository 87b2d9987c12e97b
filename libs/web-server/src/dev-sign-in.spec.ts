import { TokenVerifier } from '@rosterlink/auth';
import { checkSignInRequest, DevSignIn, parseDemoUsers } from './dev-sign-in';

describe('parseDemoUsers', () => {
  it('refuses a user with an unknown role or no name', () => {
    expect(() => parseDemoUsers('[{"sub":"a","name":"A","roles":["root"]}]')).toThrow('DEV_SIGN_IN_USERS[0]');
    expect(() => parseDemoUsers('[{"sub":"a","roles":["provider"]}]')).toThrow('DEV_SIGN_IN_USERS[0]');
    expect(() => parseDemoUsers('[]')).toThrow('non-empty');
  });
});

describe('DevSignIn', () => {
  const SECRET = 'web-server-test-secret-0123456789';
  const users = parseDemoUsers('[{"sub":"p","name":"Pat","roles":["provider"],"grants":["110000001A"],"description":"manager"}]');

  it('lists the demo users, and signs a token of identity and roles that the services accept (grants are never in it)', async () => {
    const signIn = new DevSignIn(users, SECRET);
    expect(signIn.list()).toEqual([{ sub: 'p', name: 'Pat', roles: ['provider'], description: 'manager' }]);
    const token = await signIn.signIn('p');
    const user = await new TokenVerifier({ jwtSecret: SECRET }).verify(token!);
    expect({ id: user.id, roles: user.roles, grants: user.grants }).toEqual({ id: 'p', roles: ['provider'], grants: [] });
    expect(await signIn.signIn('nobody')).toBeUndefined();
  });

  it('checks the sign-in request like a DTO: unknown fields and hostile keys are refused', () => {
    expect(checkSignInRequest({ sub: 'p' })).toEqual(expect.objectContaining({ sub: 'p' }));
    expect(checkSignInRequest({ sub: 'p', roles: ['admin'] })).toEqual([expect.objectContaining({ field: 'roles' })]);
    expect(checkSignInRequest(JSON.parse('{"__proto__":{"x":1},"sub":"p"}'))).toEqual(expect.any(Array));
    expect(checkSignInRequest('p')).toEqual([{ field: '', message: 'the body must be a JSON object' }]);
  });
});
