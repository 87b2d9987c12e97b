import 'reflect-metadata';
import { ConfigError, loadConfig } from '@rosterlink/platform';
import { NotificationServiceConfig } from './notification-service.config';

describe('NotificationServiceConfig', () => {
  it('delivers to print and mail only, with no e-mail, by default', () => {
    const config = loadConfig(NotificationServiceConfig, {});
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.SLA_BREACH_TEAM_EMAIL).toBeUndefined();
  });

  it('takes an SMTP server and a team address together', () => {
    const config = loadConfig(NotificationServiceConfig, { SMTP_URL: 'smtps://mailer:secret@mail.agency.example:465', SLA_BREACH_TEAM_EMAIL: 'team@agency.example' });
    expect(config).toMatchObject({ SMTP_URL: 'smtps://mailer:secret@mail.agency.example:465', SLA_BREACH_TEAM_EMAIL: 'team@agency.example' });
  });

  it('refuses a team address without an SMTP server, and a mail server that is not SMTP', () => {
    expect(() => loadConfig(NotificationServiceConfig, { SLA_BREACH_TEAM_EMAIL: 'team@agency.example' })).toThrow(
      new ConfigError('Invalid configuration:\n  SMTP_URL: SMTP_URL is required when SLA_BREACH_TEAM_EMAIL is set'),
    );
    expect(() => loadConfig(NotificationServiceConfig, { SMTP_URL: 'http://mail.agency.example' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig(NotificationServiceConfig, { SMTP_URL: 'smtp://mail', SLA_BREACH_TEAM_EMAIL: 'not-an-address' })).toThrow(/SLA_BREACH_TEAM_EMAIL/);
  });
});
