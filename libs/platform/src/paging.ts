import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` and `offset` of every list endpoint (CONTRACT.md: default 50, at most 1000). */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

/** The answer of every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
}
