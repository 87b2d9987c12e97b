import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { USER_ID_PATTERN } from '../grant/grant.rules';

/** The body of `PUT /service-locations/{pidsl}/primary-user`. */
export class NamePrimaryUserBody {
  @ApiProperty({ example: 'demo-provider-harbor' })
  @Matches(USER_ID_PATTERN, { message: 'userId must be 1 to 128 letters, digits or . _ @ : | + -' })
  userId: string;
}
