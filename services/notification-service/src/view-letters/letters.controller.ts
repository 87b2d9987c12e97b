import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource, FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { PID_PATTERN, Queues } from '@rosterlink/contracts';
import { uspsAddressLines } from '@rosterlink/letters';
import { Clock, Page, PageQuery } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter, LETTER_STATUSES, LetterStatus } from '../letter/letter.entity';
import { LetterResend } from '../letter/letter-resend.entity';
import { LetterDeliveryQueue, LetterRenderQueue, queueRender } from '../queues/delivery-queues';

export class LetterQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() requestId?: string;
  @ApiPropertyOptional({ example: '110000001' }) @IsOptional() @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' }) groupId?: string;
  @ApiPropertyOptional({ enum: LETTER_STATUSES }) @IsOptional() @IsIn(LETTER_STATUSES) status?: LetterStatus;
}

function view(letter: Letter) {
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

@ApiTags('letters')
@ApiBearerAuth()
@Controller('letters')
export class LettersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectRepository(Letter) private readonly letters: Repository<Letter>,
    @InjectQueue(Queues.LetterRender) private readonly renderQueue: LetterRenderQueue,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: LetterDeliveryQueue,
    private readonly config: NotificationServiceConfig,
  ) {}

  @Get()
  async list(@Query() query: LetterQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<ReturnType<typeof view>>> {
    if (query.groupId && !user.canActForGroup(query.groupId)) throw new NotFoundException(`Group ${query.groupId} not found`);
    const where: FindOptionsWhere<Letter> = {};
    if (query.requestId) where.requestId = query.requestId;
    if (query.status) where.status = query.status;
    if (query.groupId) where.groupId = query.groupId;
    // A letter is about one request at one location: a provider user sees those of their granted locations.
    if (!user.isBackOffice) where.pidsl = In([...user.grants]);
    const [rows, total] = await this.letters.findAndCount({ where, order: { createdAt: 'DESC' }, take: query.limit, skip: query.offset });
    return { items: rows.map(view), total };
  }

  @Get(':letterId/pdf')
  @ApiProduces('application/pdf')
  async pdf(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const letter = await this.find(letterId, user);
    const path = join(resolve(this.config.LETTER_STORE_DIR), `${letter.letterId}.pdf`);
    if (letter.status === 'PENDING' || !(await access(path).then(() => true, () => false))) {
      throw new ConflictException(`Letter ${letterId} is not rendered yet`);
    }
    return new StreamableFile(createReadStream(path), { type: 'application/pdf', disposition: `inline; filename="letter-${letterId}.pdf"` });
  }

  /** Renders and delivers the letter again (a FAILED one, or one returned by the post office); audited. */
  @Post(':letterId/resend')
  @HttpCode(202)
  @RequireRoles(...BACK_OFFICE_ROLES)
  async resend(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    const letter = await this.find(letterId, user);
    await this.dataSource.transaction(async (tx) => {
      // Only from a finished state: two resends at once, or one while delivery runs, would send twice.
      const [, reset] = await tx.query(
        `UPDATE notification.letters SET status = 'PENDING', last_error = NULL WHERE letter_id = $1 AND status IN ('FAILED', 'SENT')`,
        [letterId],
      );
      if (reset === 0) throw new ConflictException(`Letter ${letterId} is being rendered or delivered; only a SENT or FAILED letter can be resent`);
      await tx.insert(LetterResend, {
        letterId,
        requestedBy: user.id,
        previousStatus: letter.status,
        previousError: letter.lastError,
        requestedAt: this.clock.now(),
      });
    });
    // The letter's earlier jobs are kept a while after they fail; with them in place, the same job
    // ids would make the new render and delivery no-ops.
    await Promise.all([this.renderQueue.remove(`render-${letterId}`), this.deliveryQueue.remove(`deliver-${letterId}`)]);
    await queueRender(this.renderQueue, letterId);
    return { letterId, status: 'PENDING' };
  }

  /** The resend audit of one letter, newest first (back office). */
  @Get(':letterId/resends')
  @RequireRoles(...BACK_OFFICE_ROLES)
  async resends(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    await this.find(letterId, user);
    const [rows, total] = await this.dataSource
      .getRepository(LetterResend)
      .findAndCount({ where: { letterId }, order: { requestedAt: 'DESC' } });
    const items = rows.map((r) => ({ requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(), previousStatus: r.previousStatus, previousError: r.previousError }));
    return { items, total };
  }

  private async find(letterId: string, user: AuthenticatedUser): Promise<Letter> {
    const letter = await this.letters.findOneBy({ letterId });
    if (!letter || !user.canActForLocation(letter.pidsl)) throw new NotFoundException(`Letter ${letterId} not found`);
    return letter;
  }
}
