import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class NotificationServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3004;
  /** Where rendered letter PDFs are kept. */
  @IsString() LETTER_STORE_DIR = '.local/letters';
  /** The print-and-mail outbox: a folder the mail house collects (a PDF and a manifest line per letter). */
  @IsString() LETTER_MAIL_OUTBOX_DIR = '.local/mail-house-outbox';
  /** Attempts of each render, delivery and team e-mail job before the letter or e-mail is FAILED. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20) DELIVERY_ATTEMPTS = 6;
  /** The first retry's delay; each later one doubles it (2 s, 4 s, 8 s, … about a minute over six attempts). */
  @Type(() => Number) @IsInt() @Min(100) DELIVERY_BACKOFF_MS = 2000;
  /** The letter templates, one file per kind (see libs/letters/templates/README.md). */
  @IsString() LETTER_TEMPLATES_DIR = 'libs/letters/templates';
  /**
   * The mail server, e.g. `smtp://user:password@mail.example.org:587` (`smtps://` for implicit TLS).
   * When set, letters to a group with a correspondence e-mail on file go by e-mail; others still go to print and mail.
   */
  @ValidateIf((config: NotificationServiceConfig) => config.SMTP_URL !== undefined || config.SLA_BREACH_TEAM_EMAIL !== undefined)
  @IsDefined({ message: 'SMTP_URL is required when SLA_BREACH_TEAM_EMAIL is set' })
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string = undefined;
  /** The sender of letters and alerts. */
  @IsString() MAIL_FROM = 'MassHealth Provider Enrollment <no-reply@rosterlink.local>';
  /** The back-office team address that is told of every SLA breach by e-mail (needs SMTP_URL). */
  @IsOptional() @IsEmail() SLA_BREACH_TEAM_EMAIL?: string = undefined;
}
