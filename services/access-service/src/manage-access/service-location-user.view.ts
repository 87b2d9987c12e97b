import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { type LocationPrimaryUser, PIDSL_PATTERN, type ServiceLocationUser } from '@rosterlink/contracts';
import type { Grant } from '../grant/grant.entity';
import { USER_ID_PATTERN } from '../grant/grant.rules';
import type { PortalUser } from '../portal-user/portal-user.entity';

/** `{pidsl}` of the access routes. */
export class ServiceLocationParams {
  @ApiProperty({ example: '110000001A' })
  @Matches(PIDSL_PATTERN, { message: 'pidsl must be a 9-digit group PID followed by a service-location letter' })
  pidsl: string;
}

/** `{pidsl}` and `{userId}` of the access routes. */
export class ServiceLocationUserParams extends ServiceLocationParams {
  @ApiProperty({ example: 'demo-provider-harbor' })
  @Matches(USER_ID_PATTERN, { message: 'userId must be 1 to 128 letters, digits or . _ @ : | + -' })
  userId: string;
}

/** A user of a PID/SL, as `GET /service-locations/{pidsl}/users` lists them. */
export class ServiceLocationUserView implements ServiceLocationUser {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty({ description: 'the Primary User of the PID/SL' }) primary: boolean;
  @ApiProperty() grantedAt: string;
  @ApiProperty({ description: 'the user id of who granted access' }) grantedBy: string;
}

export function serviceLocationUserView(grant: Grant, user: PortalUser | undefined): ServiceLocationUserView {
  return {
    userId: grant.userId,
    name: user?.name ?? grant.userId,
    ...(user?.email ? { email: user.email } : {}),
    primary: grant.primary,
    grantedAt: grant.grantedAt.toISOString(),
    grantedBy: grant.grantedBy,
  };
}

export class PrimaryUserRef {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
}

/** Who the Primary User of a PID/SL is: whom its users ask for access. */
export class PrimaryUserView implements LocationPrimaryUser {
  @ApiProperty({ example: '110000001A' }) pidsl: string;
  @ApiProperty({ type: PrimaryUserRef, nullable: true }) primaryUser: PrimaryUserRef | null;
}

export function primaryUserView(pidsl: string, primary: Grant | null, user: PortalUser | null): PrimaryUserView {
  return { pidsl, primaryUser: primary ? { userId: primary.userId, name: user?.name ?? primary.userId } : null };
}
