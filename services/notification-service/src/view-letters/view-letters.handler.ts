import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { uspsAddressLines } from '@rosterlink/letters';
import type * as Contracts from '@rosterlink/contracts';
import type { LetterSort } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter } from '../letter/letter.entity';
import { LetterRepository } from '../letter/letter.repository';
import { canSeeLetter, LetterStatus, letterRefusals, listableLocationsOf, mayHavePdf } from '../letter/letter.rules';

export interface LetterSearch {
  requestId?: string;
  groupId?: string;
  status?: LetterStatus;
  q?: string;
  npi?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: LetterSort;
  limit: number;
  offset: number;
}

export interface LetterSummary {
  total: number;
  byStatus: Record<LetterStatus, number>;
}

export function letterView(letter: Letter): Contracts.Letter {
  return {
    letterId: letter.letterId,
    requestId: letter.requestId,
    kind: letter.kind,
    pidsl: letter.pidsl,
    status: letter.status,
    /** The practitioner the request was about, as link-request.processed.v1 told it. */
    npi: letter.request.provider?.npi ?? null,
    providerName: letter.request.provider ? `${letter.request.provider.lastName}, ${letter.request.provider.firstName}` : null,
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

  async list(search: LetterSearch, user: AuthenticatedUser): Promise<Page<Contracts.Letter>> {
    const { requestId, groupId, status, q, npi, createdFrom, createdTo, sort, limit, offset } = search;
    if (createdFrom && createdTo && createdFrom > createdTo) {
      throw new BadRequestException({ message: 'createdFrom must be on or before createdTo', details: [{ field: 'createdFrom', message: 'must be on or before createdTo' }] });
    }
    if (groupId && !user.canActForGroup(groupId)) throw new NotFoundException(letterRefusals.groupNotFound(groupId));
    const [rows, total] = await this.letters.page(
      { requestId, groupId, status, q, npi, createdFrom, createdTo, sort, locations: listableLocationsOf(user) },
      { limit, offset },
    );
    return { items: rows.map(letterView), total };
  }

  /** Every letter, counted by status (the back office's overview). */
  async summary(): Promise<LetterSummary> {
    const byStatus = await this.letters.countByStatus();
    return { total: Object.values(byStatus).reduce((sum, n) => sum + n, 0), byStatus };
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
