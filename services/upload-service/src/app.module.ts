import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateRosterUploads1764000000000 } from '../migrations/1764000000000-create-roster-uploads';
import { UploadServiceConfig } from './config/upload-service.config';
import { LocalDirectoryRosterFileStore, RosterFileStore } from './file-store/roster-file-store';
import { RosterUpload } from './roster-upload/roster-upload.entity';
import { UploadRosterController } from './upload-roster/upload-roster.controller';
import { UploadRoster } from './upload-roster/upload-roster.handler';

@Module({
  controllers: [UploadRosterController],
  providers: [
    UploadRoster,
    {
      provide: RosterFileStore,
      useFactory: (config: UploadServiceConfig) => new LocalDirectoryRosterFileStore(config.ROSTER_FILE_STORE_DIR),
      inject: [UploadServiceConfig],
    },
  ],
})
export class UploadServiceModule {}

export const UPLOAD_SERVICE: ServiceDefinition<UploadServiceConfig> = {
  name: 'upload-service',
  description: 'Roster files: the approved template, uploads, and the roster.uploaded.v1 event.',
  configClass: UploadServiceConfig,
  database: { schema: 'roster_upload', entities: [RosterUpload], migrations: [CreateRosterUploads1764000000000] },
  module: UploadServiceModule,
};
