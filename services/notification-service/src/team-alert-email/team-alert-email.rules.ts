import type { MailMessage } from '../mail/mailer';

/**
 * The e-mail to the back-office team about an SLA breach, without a database: PENDING until it
 * is sent (SENT), or FAILED after its last attempt; one per breach notification, sent once.
 */
export const TEAM_ALERT_EMAIL_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type TeamAlertEmailStatus = (typeof TEAM_ALERT_EMAIL_STATUSES)[number];

/** A new alert waits to be sent. */
export const NEW_TEAM_ALERT_EMAIL_STATUS = 'PENDING' satisfies TeamAlertEmailStatus;

export const TEAM_ALERT_EMAIL_TRANSITIONS = {
  send: { from: 'PENDING', to: 'SENT' },
  /** After the last attempt. */
  fail: { from: 'PENDING', to: 'FAILED' },
} as const satisfies Record<string, { from: TeamAlertEmailStatus; to: TeamAlertEmailStatus }>;

/** Only a PENDING alert is e-mailed: a SENT one is never sent again, a FAILED one waits for a person. */
export function shouldSend(status: TeamAlertEmailStatus): boolean {
  return status === TEAM_ALERT_EMAIL_TRANSITIONS.send.from;
}

/**
 * The e-mail for one breach notification. Its Message-ID is fixed per notification, so a retry
 * after a crash between "sent" and "recorded" can be recognised as the same e-mail.
 */
export function teamAlertMail(notificationId: string, recipient: string, notification: { title: string; body: string }): MailMessage {
  return { to: recipient, subject: notification.title, text: `${notification.body}\n`, messageId: `<sla-alert-${notificationId}@rosterlink>` };
}

export const teamAlertRefusals = {
  notFound: (notificationId: string) => `Team alert ${notificationId} not found`,
  noMailServer: 'SMTP_URL is not configured',
} as const;
