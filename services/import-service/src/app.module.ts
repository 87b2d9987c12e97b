import { OutboxEventIdNotIndexed1765400000000 } from '@rosterlink/messaging';
import { ACCESS_GRANTS_ENTITIES, ACCESS_GRANTS_MIGRATIONS, AccessGrantsModule } from '@rosterlink/access-grants';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Queues } from '@rosterlink/contracts';
import { JobProcessorsCheckModule } from '@rosterlink/platform';
import type { ServiceDefinition } from '@rosterlink/platform';
import {
  PROVIDER_MASTER_MIGRATIONS,
  PROVIDER_MASTER_ENTITIES,
  ProviderMasterModule,
} from '@rosterlink/provider-master';
import { LocalDirectoryRosterFileStore, RosterFileStore } from '@rosterlink/roster-file';
import { CreateCases1764000000000 } from '../migrations/1764000000000-create-cases';
import { CreatePractitionersAndCaseErrors1764200000000 } from '../migrations/1764200000000-create-practitioners-and-case-errors';
import { CaseStory1765300000010 } from '../migrations/1765300000010-case-story';
import { ImportServiceConfig } from './config/import-service.config';
import { CaseErrorsWorkbookController } from './download-case-errors/case-errors-workbook.controller';
import { DownloadCaseErrors } from './download-case-errors/download-case-errors.handler';
import { DownloadRosterFile } from './download-roster-file/download-roster-file.handler';
import { RosterFileController } from './download-roster-file/roster-file.controller';
import { OpenRosterImportCase } from './open-case/open-case.handler';
import { RosterUploadedConsumer } from './open-case/roster-uploaded.consumer';
import { Practitioner } from './practitioner/practitioner.entity';
import { PractitionerRepository } from './practitioner/practitioner.repository';
import { ProcessRosterImportController } from './process-roster-import/process-roster-import.controller';
import { RosterImportProcessor } from './process-roster-import/roster-import.processor';
import { RosterImportMetrics } from './process-roster-import/roster-import-metrics';
import { RosterImportRecovery } from './process-roster-import/roster-import-recovery';
import { RunRosterImport } from './process-roster-import/run-roster-import.handler';
import { StartRosterImport } from './process-roster-import/start-roster-import.handler';
import { CaseError } from './roster-import-case/case-error.entity';
import { CaseHistory } from './roster-import-case/case-history.entity';
import { ProviderGroupRepository } from './provider-group/provider-group.repository';
import { RosterImportCase } from './roster-import-case/roster-import-case.entity';
import { RosterImportCaseRepository } from './roster-import-case/roster-import-case.repository';
import { CasesController } from './view-cases/cases.controller';
import { ViewCases } from './view-cases/view-cases.handler';
import { PractitionersController } from './view-practitioners/practitioners.controller';
import { ViewPractitioners } from './view-practitioners/view-practitioners.handler';

@Module({
  imports: [
    BullModule.registerQueue({ name: Queues.RosterImport }),
    JobProcessorsCheckModule.forQueues([Queues.RosterImport]),
    ProviderMasterModule,
  ],
  controllers: [RosterUploadedConsumer, CasesController, CaseErrorsWorkbookController, RosterFileController, ProcessRosterImportController, PractitionersController],
  providers: [
    RosterImportCaseRepository,
    PractitionerRepository,
    ProviderGroupRepository,
    OpenRosterImportCase,
    StartRosterImport,
    RunRosterImport,
    RosterImportProcessor,
    RosterImportRecovery,
    RosterImportMetrics,
    ViewCases,
    DownloadCaseErrors,
    DownloadRosterFile,
    ViewPractitioners,
    {
      provide: RosterFileStore,
      useFactory: (config: ImportServiceConfig) => new LocalDirectoryRosterFileStore(config.ROSTER_FILE_STORE_DIR),
      inject: [ImportServiceConfig],
    },
  ],
})
export class ImportServiceModule {}

export const IMPORT_SERVICE: ServiceDefinition<ImportServiceConfig> = {
  name: 'import-service',
  description: 'Roster-import cases, Process Roster Import, and the practitioner records of groups.',
  configClass: ImportServiceConfig,
  database: {
    schema: 'roster_import',
    entities: [RosterImportCase, CaseError, CaseHistory, Practitioner, ...PROVIDER_MASTER_ENTITIES, ...ACCESS_GRANTS_ENTITIES],
    migrations: [CreateCases1764000000000, ...PROVIDER_MASTER_MIGRATIONS, CreatePractitionersAndCaseErrors1764200000000, ...ACCESS_GRANTS_MIGRATIONS, CaseStory1765300000010, OutboxEventIdNotIndexed1765400000000],
  },
  module: ImportServiceModule,
  grants: AccessGrantsModule,
};
