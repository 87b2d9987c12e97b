import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { BUSINESS_TIME_ZONE } from '@rosterlink/contracts';
import type { LetterChannel, LetterRecipient, LetterSort, LinkRequestProcessedV1 } from '@rosterlink/contracts';
import { manyAndCount } from '@rosterlink/platform';
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
  /** A letter id or request id (a UUID): that letter; otherwise text the recipient's name contains (any case). */
  q?: string;
  /** The letters about requests for the practitioner of this NPI. */
  npi?: string;
  /** Business dates (`YYYY-MM-DD`, America/New_York), inclusive: created on or after / on or before. */
  createdFrom?: string;
  createdTo?: string;
  sort?: LetterSort;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ORDER BY of each sort; the newest first breaks ties. */
const ORDER_OF: Record<LetterSort, [string, 'ASC' | 'DESC'][]> = {
  '-createdAt': [['l.createdAt', 'DESC'], ['l.letterId', 'ASC']],
  createdAt: [['l.createdAt', 'ASC'], ['l.letterId', 'ASC']],
  status: [['l.status', 'ASC'], ['l.createdAt', 'DESC'], ['l.letterId', 'ASC']],
};

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

  /** The letters matching `filter` in its sort (newest first by default), with how many match. */
  async page(filter: LetterFilter, page: { limit: number; offset: number }): Promise<[Letter[], number]> {
    const builder = this.dataSource.getRepository(Letter).createQueryBuilder('l');
    if (filter.requestId) builder.andWhere('l.request_id = :requestId', { requestId: filter.requestId });
    if (filter.status) builder.andWhere('l.status = :status', { status: filter.status });
    if (filter.groupId) builder.andWhere('l.group_id = :groupId', { groupId: filter.groupId });
    if (filter.locations) builder.andWhere('l.pidsl = ANY(:locations)', { locations: [...filter.locations] });
    const q = filter.q?.trim();
    if (q && UUID.test(q)) {
      builder.andWhere('(l.letter_id = :id OR l.request_id = :id)', { id: q.toLowerCase() });
    } else if (q) {
      const contains = `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere(`lower(l.recipient ->> 'name') LIKE :contains`, { contains });
    }
    if (filter.npi) builder.andWhere(`(l.request -> 'provider' ->> 'npi') = :npi`, { npi: filter.npi });
    if (filter.createdFrom) {
      builder.andWhere('l.created_at >= (CAST(:createdFrom AS date)::timestamp AT TIME ZONE :zone)', {
        createdFrom: filter.createdFrom,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    if (filter.createdTo) {
      builder.andWhere('l.created_at < ((CAST(:createdTo AS date) + 1)::timestamp AT TIME ZONE :zone)', {
        createdTo: filter.createdTo,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    for (const [column, direction] of ORDER_OF[filter.sort ?? '-createdAt']) builder.addOrderBy(column, direction);
    return manyAndCount(builder.take(page.limit).skip(page.offset));
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
    const resends = await this.dataSource.getRepository(LetterResend).find({ where: { letterId }, order: { requestedAt: 'DESC' } });
    return [resends, resends.length];
  }
}
