import { rm } from 'node:fs/promises';
import {
  BadRequestException,
  Controller,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { strictValidationPipe } from '@rosterlink/platform';
import { UploadServiceConfig } from '../config/upload-service.config';
import { RosterFileStore } from '@rosterlink/roster-file';
import { receiveMultipartRoster, ReceivedRosterFile } from './multipart-roster';
import { checkRosterFile } from './roster-file-check';
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
      // 404, not 403: a user must not learn that a group outside their grants exists.
      if (!user.canActForGroup(checked.groupId)) throw new NotFoundException(`Group ${checked.groupId} not found`);
      await this.uploadRoster.requireKnownGroup(checked.groupId);
      const acceptedFile = requireRosterFile(file);
      const problems = await checkRosterFile(acceptedFile.temporaryPath, acceptedFile.format, checked.importType);
      if (problems.length > 0) {
        throw new UnprocessableEntityException({ message: 'The file is not the approved roster template', details: problems });
      }
      const upload = await this.uploadRoster.execute({ fields: checked, file: acceptedFile, uploadedBy: user.id });
      return { uploadId: upload.uploadId, status: 'ACCEPTED', sha256: upload.sha256 };
    } finally {
      // Kept files were moved away; anything left here belongs to a refused upload.
      if (file) await rm(file.temporaryPath, { force: true });
    }
  }
}

function requireRosterFile(file: ReceivedRosterFile | undefined): ReceivedRosterFile & { format: 'CSV' | 'XLSX' } {
  if (!file || file.sizeBytes === 0) {
    throw new BadRequestException({ message: 'A roster file is required', details: [{ field: 'file', message: 'missing or empty' }] });
  }
  if (file.format === 'UNKNOWN') {
    throw new UnprocessableEntityException({
      message: 'The file is neither CSV text nor an Excel (.xlsx) workbook',
      details: [{ field: 'file', message: 'use the roster template, saved as CSV (UTF-8) or .xlsx' }],
    });
  }
  return file as ReceivedRosterFile & { format: 'CSV' | 'XLSX' };
}
