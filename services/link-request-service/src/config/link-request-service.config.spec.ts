import 'reflect-metadata';
import { ConfigError, loadConfig } from '@rosterlink/platform';
import { LinkRequestServiceConfig } from './link-request-service.config';

describe('LinkRequestServiceConfig', () => {
  it('lets any back-office user decide by default: assignment is not required', () => {
    expect(loadConfig(LinkRequestServiceConfig, {}).LINK_REQUEST_ASSIGNMENT_REQUIRED).toBe(false);
  });

  it('requires assignment when told so, in words a shell writes', () => {
    expect(loadConfig(LinkRequestServiceConfig, { LINK_REQUEST_ASSIGNMENT_REQUIRED: 'true' }).LINK_REQUEST_ASSIGNMENT_REQUIRED).toBe(true);
    expect(loadConfig(LinkRequestServiceConfig, { LINK_REQUEST_ASSIGNMENT_REQUIRED: 'false' }).LINK_REQUEST_ASSIGNMENT_REQUIRED).toBe(false);
  });

  it('refuses anything but true or false, naming the variable', () => {
    for (const value of ['yes', '1', 'TRUE', 'on']) {
      expect(() => loadConfig(LinkRequestServiceConfig, { LINK_REQUEST_ASSIGNMENT_REQUIRED: value })).toThrow(
        new ConfigError('Invalid configuration:\n  LINK_REQUEST_ASSIGNMENT_REQUIRED: LINK_REQUEST_ASSIGNMENT_REQUIRED must be true or false'),
      );
    }
  });
});
