import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class NotificationServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3004;
  /** Where rendered letter PDFs are kept. */
  @IsString() LETTER_STORE_DIR = '.local/letters';
  /** The print-and-mail outbox: a folder the mail house collects (a PDF and a manifest line per letter). */
  @IsString() LETTER_MAIL_OUTBOX_DIR = '.local/mail-house-outbox';
  /** The letter templates, one file per kind (see libs/letters/templates/README.md). */
  @IsString() LETTER_TEMPLATES_DIR = 'libs/letters/templates';
}
