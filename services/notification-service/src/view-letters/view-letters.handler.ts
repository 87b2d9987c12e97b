import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { uspsAddressLines } from '@rosterlink/letters';
import type { Page } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter } from '../letter/letter.entity';
import { LetterRepository } from '../letter/letter.repository';
import { canSeeLetter, LetterStatus, letterRefusals, listableLocationsOf, mayHavePdf } from '../letter/letter.rules';

export interface LetterSearch {
  requestId?: string;
  groupId?: string;
  status?: LetterStatus;
  limit: number;
  offset: number;
}

export function letterView(letter: Letter) {
  return {
    letterId: letter.letterId,
    requestId: letter.requestId,
    kind: letter.kind,
    pidsl: letter.pidsl,
    status: letter.status,
    recipient: { name: letter.recipient.name, address: uspsAddressLines(letter.recipient.address).join('\n') },
    channel: letter.channel,
    error: letter.lastError,
    createdAt: letter.createdAt.toISOString(),
    sentAt: letter.sentAt?.toISOString() ?? null,
  };
}

/** The letters a caller may see, their PDFs and their resend audit. */
@Injectable()
export class ViewLetters {
  constructor(
    private readonly letters: LetterRepository,
    private readonly config: NotificationServiceConfig,
  ) {}

  async list(search: LetterSearch, user: AuthenticatedUser): Promise<Page<ReturnType<typeof letterView>>> {
    if (search.groupId && !user.canActForGroup(search.groupId)) throw new NotFoundException(letterRefusals.groupNotFound(search.groupId));
    const { requestId, groupId, status, limit, offset } = search;
    const [rows, total] = await this.letters.page({ requestId, groupId, status, locations: listableLocationsOf(user) }, { limit, offset });
    return { items: rows.map(letterView), total };
  }

  /** The path of the letter's PDF in the letter store; 409 while it is not rendered. */
  async pdfPath(letterId: string, user: AuthenticatedUser): Promise<string> {
    const letter = await this.visibleLetter(letterId, user);
    const path = join(resolve(this.config.LETTER_STORE_DIR), `${letter.letterId}.pdf`);
    if (!mayHavePdf(letter.status) || !(await access(path).then(() => true, () => false))) {
      throw new ConflictException(letterRefusals.notRendered(letterId));
    }
    return path;
  }

  /** The resend audit of one letter, newest first. */
  async resends(letterId: string, user: AuthenticatedUser) {
    await this.visibleLetter(letterId, user);
    const [rows, total] = await this.letters.resendsOf(letterId);
    const items = rows.map((r) => ({ requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(), previousStatus: r.previousStatus, previousError: r.previousError }));
    return { items, total };
  }

  /** The letter, if `user` may see it; 404 otherwise, as for a letter that does not exist. */
  async visibleLetter(letterId: string, user: AuthenticatedUser): Promise<Letter> {
    const letter = await this.letters.find(letterId);
    if (!letter || !canSeeLetter(user, letter)) throw new NotFoundException(letterRefusals.notFound(letterId));
    return letter;
  }
}
