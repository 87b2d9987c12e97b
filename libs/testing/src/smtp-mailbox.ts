import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/**
 * A real SMTP server (the smtp-server package) on loopback that keeps what it receives, parsed.
 * It keeps its port across stop and start, so a test can take the mail server away and bring it back.
 */
export class LoopbackMailbox {
  readonly received: ParsedMail[] = [];
  private server: SMTPServer | undefined;

  private constructor(readonly port: number) {}

  /** A mailbox on a free port, not yet listening: start() opens it. */
  static async onFreePort(): Promise<LoopbackMailbox> {
    return new LoopbackMailbox(await freePort());
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, done) => {
        simpleParser(stream).then((mail) => {
          this.received.push(mail);
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The mails addressed to `address`, in the order they arrived. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => [mail.to].flat().some((to) => to?.value.some((v) => v.address === address)));
  }

  /** The mails to `address` that carry the PDF of letter `letterId`. */
  lettersTo(address: string, letterId: string): ParsedMail[] {
    return this.to(address).filter((mail) => mail.attachments.some((a) => a.filename === `letter-${letterId}.pdf`));
  }
}
