import { ApiPropertyOptional } from '@nestjs/swagger';
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

/** The answer of every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
}
