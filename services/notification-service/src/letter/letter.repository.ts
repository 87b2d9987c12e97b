import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import type { LetterChannel, LetterRecipient, LinkRequestProcessedV1 } from '@rosterlink/contracts';
import { Letter } from './letter.entity';
import { LetterResend } from './letter-resend.entity';
import { LETTER_STATUSES, LETTER_TRANSITIONS, LetterStatus, NEW_LETTER_STATUS, UNFINISHED_LETTER_STATUSES } from './letter.rules';

export interface NewLetter {
  letterId: string;
  requestId: string;
  kind: string;
  pidsl: string;
  groupId: string;
  recipient: LetterRecipient;
  request: LinkRequestProcessedV1;
}

export interface LetterFilter {
  requestId?: string;
  groupId?: string;
  status?: LetterStatus;
  /** Only letters of these service locations; null for all. */
  locations: readonly string[] | null;
}

export type NewLetterResend = Omit<LetterResend, 'resendId'>;

/**
 * The letters and their resend audit (`notification.letters`, `notification.letter_resends`): every
 * read and write of them. A change of status is one conditional UPDATE from the statuses its
 * transition allows (letter.rules), so two workers or a worker and a resend never both win.
 */
@Injectable()
export class LetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The letter of a request and kind, once: null when it exists already (a replayed event). */
  async createOnce(tx: EntityManager, letter: NewLetter): Promise<string | null> {
    const [created] = await tx.query(
      `INSERT INTO notification.letters (letter_id, request_id, kind, pidsl, group_id, status, recipient, request)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (request_id, kind) DO NOTHING RETURNING letter_id`,
      [letter.letterId, letter.requestId, letter.kind, letter.pidsl, letter.groupId, NEW_LETTER_STATUS, letter.recipient, letter.request],
    );
    return created?.letter_id ?? null;
  }

  async find(letterId: string): Promise<Letter | null> {
    return this.dataSource.getRepository(Letter).findOneBy({ letterId });
  }

  /** Newest first, with how many match. */
  async page(filter: LetterFilter, page: { limit: number; offset: number }): Promise<[Letter[], number]> {
    const where: FindOptionsWhere<Letter> = {};
    if (filter.requestId) where.requestId = filter.requestId;
    if (filter.status) where.status = filter.status;
    if (filter.groupId) where.groupId = filter.groupId;
    if (filter.locations) where.pidsl = In([...filter.locations]);
    return this.dataSource.getRepository(Letter).findAndCount({ where, order: { createdAt: 'DESC' }, take: page.limit, skip: page.offset });
  }

  /** Letters with a step left (PENDING, RENDERED), for the recovery sweep. */
  async unfinished(): Promise<Pick<Letter, 'letterId' | 'status'>[]> {
    return this.dataSource
      .getRepository(Letter)
      .find({ where: { status: In([...UNFINISHED_LETTER_STATUSES]) }, select: { letterId: true, status: true } });
  }

  /** How many letters have each status, every status included (zero when none). */
  async countByStatus(): Promise<Record<LetterStatus, number>> {
    const rows: { status: LetterStatus; n: number }[] = await this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM notification.letters GROUP BY status',
    );
    return Object.fromEntries(LETTER_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<LetterStatus, number>;
  }

  /** PENDING → RENDERED; false when the letter was no longer PENDING. */
  async markRendered(letterId: string, renderedAt: Date): Promise<boolean> {
    const { from, to } = LETTER_TRANSITIONS.render;
    const result = await this.dataSource
      .getRepository(Letter)
      .update({ letterId, status: In([...from]) }, { status: to, renderedAt, lastError: null });
    return (result.affected ?? 0) > 0;
  }

  /** RENDERED → SENT, in `tx` (with the event that announces it); false when it was no longer RENDERED. */
  async markSent(tx: EntityManager, letterId: string, channel: LetterChannel, sentAt: Date): Promise<boolean> {
    const { from, to } = LETTER_TRANSITIONS.deliver;
    const [, updated] = await tx.query(
      `UPDATE notification.letters SET status = $4, channel = $2, sent_at = $3, last_error = NULL
       WHERE letter_id = $1 AND status = ANY($5::text[])`,
      [letterId, channel, sentAt, to, from],
    );
    return updated > 0;
  }

  /** A failed attempt's error on an unfinished letter; with `failed`, the letter becomes FAILED too. */
  async recordFailure(letterId: string, lastError: string, failed: boolean): Promise<void> {
    const { from, to } = LETTER_TRANSITIONS.fail;
    await this.dataSource
      .getRepository(Letter)
      .update({ letterId, status: In([...from]) }, { lastError, ...(failed ? { status: to } : {}) });
  }

  /** SENT or FAILED → PENDING with the error cleared, in `tx`; false when the letter is in neither. */
  async reopenForResend(tx: EntityManager, letterId: string): Promise<boolean> {
    const { from, to } = LETTER_TRANSITIONS.resend;
    const [, reset] = await tx.query(
      `UPDATE notification.letters SET status = $2, last_error = NULL WHERE letter_id = $1 AND status = ANY($3::text[])`,
      [letterId, to, from],
    );
    return reset > 0;
  }

  async addResend(tx: EntityManager, resend: NewLetterResend): Promise<void> {
    await tx.insert(LetterResend, resend);
  }

  /** The resend audit of one letter, newest first, with how many there are. */
  async resendsOf(letterId: string): Promise<[LetterResend[], number]> {
    return this.dataSource.getRepository(LetterResend).findAndCount({ where: { letterId }, order: { requestedAt: 'DESC' } });
  }
}
