import { OutboxEventIdNotIndexed1765400000000 } from '@rosterlink/messaging';
import { ACCESS_GRANTS_ENTITIES, ACCESS_GRANTS_MIGRATIONS, AccessGrantsModule } from '@rosterlink/access-grants';
import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@rosterlink/platform';
import {
  PROVIDER_MASTER_MIGRATIONS,
  PROVIDER_MASTER_ENTITIES,
  ProviderMasterModule,
} from '@rosterlink/provider-master';
import { LocalDirectoryRosterFileStore, RosterFileStore } from '@rosterlink/roster-file';
import { CreateRosterUploads1764000000000 } from '../migrations/1764000000000-create-roster-uploads';
import { TrackCaseOfUpload1764200000000 } from '../migrations/1764200000000-track-case-of-upload';
import { UploadServiceConfig } from './config/upload-service.config';
import { ProviderGroupRepository } from './provider-group/provider-group.repository';
import { GroupRosterTemplate } from './roster-template/group-roster-template.handler';
import { RosterTemplateController } from './roster-template/roster-template.controller';
import { RosterFileCustody } from './roster-upload/roster-file-custody';
import { RosterUpload } from './roster-upload/roster-upload.entity';
import { RosterUploadRepository } from './roster-upload/roster-upload.repository';
import { SweepRosterFiles } from './sweep-roster-files/sweep-roster-files.task';
import { CaseEventsConsumer } from './track-cases/case-events.consumer';
import { TrackCase } from './track-cases/track-case.handler';
import { UploadRosterController } from './upload-roster/upload-roster.controller';
import { UploadRoster } from './upload-roster/upload-roster.handler';
import { ViewUploadController } from './view-upload/view-upload.controller';
import { ViewUpload } from './view-upload/view-upload.handler';

@Module({
  imports: [ProviderMasterModule],
  controllers: [UploadRosterController, ViewUploadController, RosterTemplateController, CaseEventsConsumer],
  providers: [
    RosterUploadRepository,
    ProviderGroupRepository,
    UploadRoster,
    ViewUpload,
    GroupRosterTemplate,
    TrackCase,
    RosterFileCustody,
    SweepRosterFiles,
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
  database: {
    schema: 'roster_upload',
    entities: [RosterUpload, ...PROVIDER_MASTER_ENTITIES, ...ACCESS_GRANTS_ENTITIES],
    migrations: [CreateRosterUploads1764000000000, ...PROVIDER_MASTER_MIGRATIONS, TrackCaseOfUpload1764200000000, ...ACCESS_GRANTS_MIGRATIONS, OutboxEventIdNotIndexed1765400000000],
  },
  module: UploadServiceModule,
  grants: AccessGrantsModule,
};
