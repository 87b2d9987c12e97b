import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PID_PATTERN } from '@rosterlink/contracts';

/** The query of `GET /roster-template.xlsx`. */
export class RosterTemplateQuery {
  @ApiPropertyOptional({
    example: '110000001',
    description:
      'The group practice (PID) the template is for: its Service Location drop-down lists the group\'s locations. ' +
      'Needs a bearer token of a user who may act for the group (404 otherwise); without it the template is public.',
  })
  @IsOptional()
  @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' })
  groupId?: string;
}
