import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from '@rosterlink/platform';
import { type LinkRequestSubmitted, PID_PATTERN } from '@rosterlink/contracts';
import { OPEN_STATUS } from '../link-request/link-request.rules';

export class LinkRequestBody {
  @ApiProperty({ example: '210000001', description: 'the servicing provider (Provider ID)' })
  @Matches(PID_PATTERN, { message: 'servicingProviderId must be a 9-digit provider ID' })
  servicingProviderId: string;

  @ApiProperty({ example: '2026-12-01', description: 'today or later: MassHealth does not backdate' })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiPropertyOptional({ description: 'not required' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiProperty({ enum: [true], description: 'the certification of agreement' })
  @Equals(true, { message: 'attestation must be true: the certification of agreement is required' })
  attestation: true;
}

export class UnlinkRequestBody {
  @ApiProperty({ example: '210000001' })
  @Matches(PID_PATTERN, { message: 'servicingProviderId must be a 9-digit provider ID' })
  servicingProviderId: string;

  @ApiProperty({ example: '2026-12-31', description: 'the last day the provider is linked' })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({ enum: [true] })
  @Equals(true, { message: 'attestation must be true: the certification of agreement is required' })
  attestation: true;
}

export class LinkRequestSubmittedView implements LinkRequestSubmitted {
  @ApiProperty() requestId: string;
  @ApiProperty({ enum: [OPEN_STATUS] }) status: typeof OPEN_STATUS;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ description: 'the 10th business day after the submission date' }) dueDate: string;
}
