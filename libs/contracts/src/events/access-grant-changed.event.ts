import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, Length, Matches, Min } from 'class-validator';
import { ACCESS_CHANGES, AccessChange } from '../event-codes';
import { PIDSL_PATTERN } from '../identifiers';

/**
 * `access.grant-changed.v1` — one user's access to one PID/SL changed: granted, revoked, named its
 * Primary User, or no longer its Primary User. Key: the PID/SL, so one location's changes stay in order.
 *
 * It carries the resulting state (`granted`, `primary`), not only the delta, and `version`, which
 * grows by one with every change of that PID/SL: a projection keeps, per (pidsl, userId), the state
 * of the highest version it has seen and ignores an event whose version is not higher, so a replay
 * or a duplicate changes nothing and a revocation is never undone by an older grant.
 */
export class AccessGrantChangedV1 {
  @Matches(PIDSL_PATTERN) pidsl: string;
  /** The portal user whose access changed (the token's `sub`). */
  @IsString() @Length(1, 128) userId: string;
  @IsIn(ACCESS_CHANGES) change: AccessChange;
  /** After the change: whether the user may act for the PID/SL. */
  @IsBoolean() granted: boolean;
  /** After the change: whether the user is the PID/SL's Primary User (only a granted user is). */
  @IsBoolean() primary: boolean;
  /** The PID/SL's change counter after this change: 1, 2, 3 … per PID/SL. */
  @IsInt() @Min(1) version: number;
  /** Who made the change (a user id). */
  @IsString() @Length(1, 128) by: string;
  @IsISO8601({ strict: true }) at: string;
}
