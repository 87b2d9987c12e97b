import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { RosterUploadView, UploadParams } from './view-upload.dto';
import { ViewUpload } from './view-upload.handler';

@ApiTags('roster uploads')
@ApiBearerAuth()
@Controller('roster-uploads')
export class ViewUploadController {
  constructor(private readonly viewUpload: ViewUpload) {}

  @Get(':uploadId')
  @ApiOperation({
    summary: 'An accepted roster upload, with its case once opened',
    description:
      "The upload's group, import type and file name; `caseNumber` (and the case's status) once import-service has opened its case. " +
      "A client polls this after `POST /roster-uploads` to find its case. Another group's upload, or one that does not exist, is 404.",
  })
  @ApiOkResponse({ type: RosterUploadView })
  @ApiBadRequestResponse({ description: 'uploadId is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such upload, or not one of your groups' })
  find(@CurrentUser() user: AuthenticatedUser, @Param() { uploadId }: UploadParams): Promise<RosterUploadView> {
    return this.viewUpload.execute(user, uploadId);
  }
}
