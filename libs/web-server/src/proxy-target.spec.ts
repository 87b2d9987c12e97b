import { proxyTargetOf, serviceUrlOf } from './proxy-target';

describe('proxyTargetOf', () => {
  it.each([
    ['/api/link-request/link-requests?status=SUBMITTED', 'link-request', '/link-requests?status=SUBMITTED'],
    ['/api/import/cases/RI-2026-000001/errors.csv', 'import', '/cases/RI-2026-000001/errors.csv'],
    ['/api/notification/letters/5f0c/pdf', 'notification', '/letters/5f0c/pdf'],
    ['/api/link-request/providers/search?name=O%27Brien%20Ana', 'link-request', '/providers/search?name=O%27Brien%20Ana'],
    ['/api/import/groups/110000001/practitioners?search=n%C3%BA', 'import', '/groups/110000001/practitioners?search=n%C3%BA'],
  ])('passes %s to the %s service as %s', (raw, service, pathAndQuery) => {
    expect(proxyTargetOf(raw)).toEqual({ service, pathAndQuery });
  });

  it.each([
    '/api/import//127.0.0.1:39999/x',
    '/api/import//evil.example/x',
    '/api/import/http://127.0.0.1:39999/x',
    '/api/import/%2F%2F127.0.0.1:39999/x',
    '/api/import/%2f127.0.0.1/x',
    '/api/import/../upload/roster-uploads',
    '/api/import/%2e%2e/upload',
    '/api/import/.%2E/x',
    '/api/import/cases/./x',
    '/api/import/cases//x',
    '/api/import/\\\\127.0.0.1/x',
    '/api/import/cases/%5C%5Chost',
    '/api/import/cases/%00',
    '/api/import/cases/%E0%A4%A',
    '/api/import/cases x',
    '/api/unknown/x',
    '/api/import',
    '//127.0.0.1:39999/api/import/x',
    'http://127.0.0.1:39999/api/import/x',
  ])('refuses %s', (raw) => {
    expect(proxyTargetOf(raw)).toBeUndefined();
  });
});

describe('serviceUrlOf', () => {
  it('keeps the service origin and base path', () => {
    expect(serviceUrlOf('http://127.0.0.1:3002', '/cases?groupId=1').href).toBe('http://127.0.0.1:3002/cases?groupId=1');
    expect(serviceUrlOf('https://import.internal/base/', '/cases').href).toBe('https://import.internal/base/cases');
  });
});
