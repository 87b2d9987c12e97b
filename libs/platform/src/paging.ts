import { ApiPropertyOptional } from '@nestjs/swagger';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_LIST_OFFSET } from './request-limits';

/** `limit` and `offset` of every list endpoint (CONTRACT.md: default 50, at most 1000). */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit = 50;

  @ApiPropertyOptional({ default: 0, maximum: MAX_LIST_OFFSET })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_LIST_OFFSET)
  offset = 0;
}

/** The answer of every list endpoint (the contracts describe it, for the front ends too). */
export type { Page } from '@rosterlink/contracts';

/**
 * Reads a page and its total from one snapshot of the database (a REPEATABLE READ transaction).
 * Two statements outside one each see the database as of their own start, so a row committed
 * between them is counted but not listed: a page of no items with a total of 2.
 */
export function inOneSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', read);
}

/** `builder.getManyAndCount()`, its page and its count read from one snapshot (inOneSnapshot). */
export function manyAndCount<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): Promise<[T[], number]> {
  return inOneSnapshot(builder.connection, (manager) => {
    if (!manager.queryRunner) throw new Error('A transaction without a query runner');
    return builder.setQueryRunner(manager.queryRunner).getManyAndCount();
  });
}
