import { createTransport, Transporter } from 'nodemailer';
import type { NotificationServiceConfig } from '../config/notification-service.config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * Fixed per piece of work, so that a retry after a crash between "sent" and "recorded" carries the
   * same Message-ID and the recipient's mail system can recognise the duplicate.
   */
  messageId: string;
  attachments?: { filename: string; path: string; contentType: string }[];
}

/** The SMTP connection (nodemailer) shared by letters and team alerts; only exists when SMTP_URL is set. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    // Short timeouts: a mail server that does not answer fails the job, and BullMQ's backoff retries it.
    this.transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  static fromConfig(config: NotificationServiceConfig): Mailer | null {
    return config.SMTP_URL ? new Mailer(config.SMTP_URL, config.MAIL_FROM) : null;
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
