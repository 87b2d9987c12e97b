import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateCases1764000000000 } from '../migrations/1764000000000-create-cases';
import { ImportServiceConfig } from './config/import-service.config';
import { OpenRosterImportCase } from './open-case/open-case.handler';
import { RosterUploadedConsumer } from './open-case/roster-uploaded.consumer';
import { RosterImportCase } from './roster-import-case/roster-import-case.entity';
import { CasesController } from './view-cases/cases.controller';

@Module({
  imports: [TypeOrmModule.forFeature([RosterImportCase])],
  controllers: [RosterUploadedConsumer, CasesController],
  providers: [OpenRosterImportCase],
})
export class ImportServiceModule {}

export const IMPORT_SERVICE: ServiceDefinition<ImportServiceConfig> = {
  name: 'import-service',
  description: 'Roster-import cases and the practitioner records of groups.',
  configClass: ImportServiceConfig,
  database: { schema: 'roster_import', entities: [RosterImportCase], migrations: [CreateCases1764000000000] },
  module: ImportServiceModule,
};
