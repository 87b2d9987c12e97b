import { rm } from 'node:fs/promises';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { strictValidationPipe } from '@rosterlink/platform';
import { RosterFileStore } from '@rosterlink/roster-file';
import { UploadServiceConfig } from '../config/upload-service.config';
import { receiveMultipartRoster } from './multipart-roster';
import { RosterUploadAccepted, UploadRosterFields } from './upload-roster.dto';
import { UploadRoster } from './upload-roster.handler';

@ApiTags('roster uploads')
@ApiBearerAuth()
@Controller('roster-uploads')
export class UploadRosterController {
  private readonly validation = strictValidationPipe();

  constructor(
    private readonly uploadRoster: UploadRoster,
    private readonly fileStore: RosterFileStore,
    private readonly config: UploadServiceConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a roster file',
    description:
      'Accepts a roster file (CSV or .xlsx in the approved template) for a group practice; import-service then opens a ' +
      'roster-import case for it. A revised file names the case it replaces in `supersedesCaseNumber`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'groupId', 'importType'],
      properties: {
        file: { type: 'string', format: 'binary' },
        groupId: { type: 'string' },
        importType: { type: 'string', enum: ['ADD_UPDATE', 'TERMINATE'] },
        supersedesCaseNumber: { type: 'string' },
      },
    },
  })
  @ApiAcceptedResponse({ type: RosterUploadAccepted })
  @ApiBadRequestResponse({ description: 'not a multipart body, no file, a malformed field (details name it), or a body cut off' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'the group is outside the caller’s grants, or the provider master does not know it' })
  @ApiConflictResponse({ description: 'the same file while its case is open, or the case to replace is no longer replaceable (its status is named)' })
  @ApiPayloadTooLargeResponse({ description: 'the file is over the upload size limit' })
  @ApiUnprocessableEntityResponse({ description: 'the file is not the approved template (details name each bad header), or the case to replace is not one of the group’s' })
  async upload(@Req() req: Request, @CurrentUser() user: AuthenticatedUser): Promise<RosterUploadAccepted> {
    const { fields, file } = await receiveMultipartRoster(
      req,
      await this.fileStore.temporaryDirectory(),
      this.config.UPLOAD_MAX_BYTES,
    );
    try {
      const checked: UploadRosterFields = await this.validation.transform(fields, {
        type: 'body',
        metatype: UploadRosterFields,
      });
      const upload = await this.uploadRoster.execute({ fields: checked, file, user });
      return { uploadId: upload.uploadId, status: 'ACCEPTED', sha256: upload.sha256 };
    } finally {
      // Kept files were moved away; anything left here belongs to a refused upload.
      if (file) await rm(file.temporaryPath, { force: true });
    }
  }
}
