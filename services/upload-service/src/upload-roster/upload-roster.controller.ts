import { rm } from 'node:fs/promises';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
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
