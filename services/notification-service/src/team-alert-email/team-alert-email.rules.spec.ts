import { NEW_TEAM_ALERT_EMAIL_STATUS, shouldSend, TEAM_ALERT_EMAIL_STATUSES, TEAM_ALERT_EMAIL_TRANSITIONS, teamAlertMail, teamAlertRefusals } from './team-alert-email.rules';

describe('team alert e-mail rules', () => {
  it('sends a PENDING alert once, to SENT, or fails it after its last attempt', () => {
    expect(NEW_TEAM_ALERT_EMAIL_STATUS).toBe('PENDING');
    expect(TEAM_ALERT_EMAIL_STATUSES.filter(shouldSend)).toEqual(['PENDING']);
    expect(TEAM_ALERT_EMAIL_TRANSITIONS.send).toEqual({ from: 'PENDING', to: 'SENT' });
    expect(TEAM_ALERT_EMAIL_TRANSITIONS.fail).toEqual({ from: 'PENDING', to: 'FAILED' });
  });

  it('writes the breach notification as an e-mail with a Message-ID fixed per notification', () => {
    expect(teamAlertMail('N1', 'team@example.org', { title: 'Link request overdue since 2026-03-13', body: 'Link request for 110000041A passed…' })).toEqual({
      to: 'team@example.org',
      subject: 'Link request overdue since 2026-03-13',
      text: 'Link request for 110000041A passed…\n',
      messageId: '<sla-alert-N1@rosterlink>',
    });
  });

  it('words its failures', () => {
    expect(teamAlertRefusals.notFound('N1')).toBe('Team alert N1 not found');
    expect(teamAlertRefusals.noMailServer).toBe('SMTP_URL is not configured');
  });
});
