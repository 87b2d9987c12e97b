import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { LINK_REQUEST_DECISIONS, LINK_REQUEST_KINDS, LinkRequestDecision, LinkRequestKind } from '../event-codes';
import { PID_PATTERN, PIDSL_PATTERN, SERVICE_LOCATION_PATTERN } from '../identifiers';
import { IsNpi } from '../validators';
import { PostalAddress } from './provider-master-upserted.event';
import { CALENDAR_DATE_PATTERN } from '../business-time';


export class ServicingProviderRef {
  @Matches(PID_PATTERN) providerId: string;
  @IsNpi() npi: string;
  @IsString() @Length(1, 50) firstName: string;
  @IsString() @Length(1, 50) lastName: string;
}

/** `link-request.submitted.v1` — a group asked to link (or unlink) a servicing provider. Key: the PID/SL. */
export class LinkRequestSubmittedV1 {
  @IsUUID() requestId: string;
  @IsIn(LINK_REQUEST_KINDS) kind: LinkRequestKind;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @ValidateNested() @Type(() => ServicingProviderRef) provider: ServicingProviderRef;
  @IsOptional() @Matches(CALENDAR_DATE_PATTERN) effectiveDate?: string;
  @IsOptional() @Matches(CALENDAR_DATE_PATTERN) endDate?: string;
  @IsISO8601({ strict: true }) submittedAt: string;
  /** The 10th business day after the submission date. */
  @Matches(CALENDAR_DATE_PATTERN) dueDate: string;
}

export class LetterRecipient {
  /** The requesting group's DBA name. */
  @IsString() @Length(1, 200) name: string;
  @ValidateNested() @Type(() => PostalAddress) address: PostalAddress;
  /** The group's correspondence e-mail on file, when it has one. */
  @IsOptional() @IsEmail() @Length(3, 254) email?: string;
}

/**
 * `link-request.processed.v1` — back office approved or denied a request; carries what the letter
 * to the group's DBA address needs. Key: the PID/SL.
 */
export class LinkRequestProcessedV1 {
  @IsUUID() requestId: string;
  @IsIn(LINK_REQUEST_KINDS) kind: LinkRequestKind;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @Matches(PID_PATTERN) groupId: string;
  @Matches(SERVICE_LOCATION_PATTERN) serviceLocation: string;
  @ValidateNested() @Type(() => ServicingProviderRef) provider: ServicingProviderRef;
  @IsIn(LINK_REQUEST_DECISIONS) decision: LinkRequestDecision;
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
  @IsOptional() @Matches(CALENDAR_DATE_PATTERN) effectiveDate?: string;
  @IsOptional() @Matches(CALENDAR_DATE_PATTERN) endDate?: string;
  @ValidateNested() @Type(() => LetterRecipient) recipient: LetterRecipient;
  @IsISO8601({ strict: true }) decidedAt: string;
}

/** `link-request.sla-warning.v1` — two business days or fewer remain. Key: the PID/SL. */
export class LinkRequestSlaWarningV1 {
  @IsUUID() requestId: string;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @Matches(CALENDAR_DATE_PATTERN) dueDate: string;
  @IsInt() businessDaysRemaining: number;
  @IsISO8601({ strict: true }) detectedAt: string;
}

/** `link-request.sla-breached.v1` — the due date passed without a decision. Key: the PID/SL. */
export class LinkRequestSlaBreachedV1 {
  @IsUUID() requestId: string;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @Matches(CALENDAR_DATE_PATTERN) dueDate: string;
  @IsISO8601({ strict: true }) detectedAt: string;
}

/** An analyst a request is assigned to: their user id (the token's `sub`) and display name. */
export class LinkRequestAssignee {
  @IsString() @Length(1, 128) userId: string;
  @IsString() @Length(1, 200) name: string;
}

/**
 * `link-request.assigned.v1` — back office assigned a request to an analyst (or to another one), or
 * unassigned it (`assignee: null`). Key: the PID/SL.
 */
export class LinkRequestAssignedV1 {
  @IsUUID() requestId: string;
  @Matches(PIDSL_PATTERN) pidsl: string;
  /** Whom the request is assigned to after the change; null when nobody. Always present. */
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => LinkRequestAssignee)
  assignee: LinkRequestAssignee | null;
  /** Who made the change (a user id). */
  @IsString() @Length(1, 128) by: string;
  @IsISO8601({ strict: true }) at: string;
}

/**
 * `link-request.note-added.v1` — back office added an internal note to a request. It names the note
 * but never carries its text, which may hold PHI: the back office reads it at
 * `GET /link-requests/{requestId}/notes`. Key: the PID/SL.
 */
export class LinkRequestNoteAddedV1 {
  @IsUUID() requestId: string;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @IsUUID() noteId: string;
  /** The note's author (a user id). */
  @IsString() @Length(1, 128) by: string;
  @IsISO8601({ strict: true }) at: string;
}
