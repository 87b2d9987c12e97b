import { OutboxEventIdNotIndexed1765400000000 } from '@rosterlink/messaging';
import { ACCESS_GRANTS_ENTITIES, ACCESS_GRANTS_MIGRATIONS, AccessGrantsModule } from '@rosterlink/access-grants';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queues } from '@rosterlink/contracts';
import type { ServiceDefinition } from '@rosterlink/platform';
import { PROVIDER_MASTER_MIGRATIONS, PROVIDER_MASTER_ENTITIES } from '@rosterlink/provider-master';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { CreateProviderDirectory1764300000000 } from '../migrations/1764300000000-create-provider-directory';
import { CreateLinkRequests1764300000001 } from '../migrations/1764300000001-create-link-requests';
import { IndexLinksByNpi1764400000000 } from '../migrations/1764400000000-index-links-by-npi';
import { SearchProvidersByName1764600000000 } from '../migrations/1764600000000-search-providers-by-name';
import { IndexOpenRequestsBySla1764600000001 } from '../migrations/1764600000001-index-open-requests-by-sla';
import { NameRosterServicingLinks1764700000000 } from '../migrations/1764700000000-name-roster-servicing-links';
import { IndexLinkRequestsByLocation1764700000001 } from '../migrations/1764700000001-index-link-requests-by-location';
import { AssignLinkRequestsAndAddNotes1765200000000 } from '../migrations/1765200000000-assign-link-requests-and-add-notes';
import { AuditBusinessCalendar1765300000000 } from '../migrations/1765300000000-audit-business-calendar';
import { OrderProviderSearchBySearchName1765500000000 } from '../migrations/1765500000000-order-provider-search-by-search-name';
import { AddLinkRequestNoteController } from './add-link-request-note/add-link-request-note.controller';
import { AddLinkRequestNote } from './add-link-request-note/add-link-request-note.handler';
import { AssignLinkRequestController } from './assign-link-request/assign-link-request.controller';
import { AssignLinkRequest } from './assign-link-request/assign-link-request.handler';
import { BusinessCalendarRepository } from './business-calendar/business-calendar.repository';
import { BusinessCalendarService } from './business-calendar/business-calendar.service';
import { BusinessCalendarAuditEntry, Closure } from './business-calendar/closure.entity';
import { LinkRequestServiceConfig } from './config/link-request-service.config';
import { DecideLinkRequestController } from './decide-link-request/decide-link-request.controller';
import { DecideLinkRequest } from './decide-link-request/decide-link-request.handler';
import { LinkRequest, LinkRequestHistory, LinkRequestNote } from './link-request/link-request.entity';
import { LinkRequestRepository } from './link-request/link-request.repository';
import { AddClosure } from './manage-closures/add-closure.handler';
import { BusinessCalendarController } from './manage-closures/business-calendar.controller';
import { ClosureDueDates } from './manage-closures/closure-due-dates';
import { RemoveClosure } from './manage-closures/remove-closure.handler';
import { PROVIDER_DIRECTORY_ENTITIES, ProviderDirectoryModule } from './provider-directory/provider-directory.module';
import { CheckLinkRequestSla } from './check-link-request-sla/check-link-request-sla.handler';
import { LinkRequestSlaProcessor, LinkRequestSlaSchedule } from './check-link-request-sla/link-request-sla.processor';
import { SubmitLinkRequestController } from './submit-link-request/submit-link-request.controller';
import { SubmitLinkRequest } from './submit-link-request/submit-link-request.handler';
import { VerifyLinkController } from './verify-link/verify-link.controller';
import { VerifyLink } from './verify-link/verify-link.handler';
import { DecisionContextController } from './view-decision-context/decision-context.controller';
import { ViewDecisionContext } from './view-decision-context/view-decision-context.handler';
import { LinkRequestsController } from './view-link-requests/link-requests.controller';
import { ViewLinkRequests } from './view-link-requests/view-link-requests.handler';
import { SlaMetrics } from './link-request/sla-metrics';

@Module({
  imports: [
    ProviderDirectoryModule,
    TypeOrmModule.forFeature([LinkRequest, LinkRequestHistory, LinkRequestNote, Closure, BusinessCalendarAuditEntry]),
    BullModule.registerQueue({ name: Queues.LinkRequestSla }),
  ],
  controllers: [
    SubmitLinkRequestController,
    DecideLinkRequestController,
    AssignLinkRequestController,
    AddLinkRequestNoteController,
    LinkRequestsController,
    DecisionContextController,
    VerifyLinkController,
    BusinessCalendarController,
  ],
  providers: [
    BusinessCalendarRepository,
    BusinessCalendarService,
    AddClosure,
    RemoveClosure,
    ClosureDueDates,
    LinkRequestRepository,
    SubmitLinkRequest,
    DecideLinkRequest,
    AssignLinkRequest,
    AddLinkRequestNote,
    ViewLinkRequests,
    ViewDecisionContext,
    VerifyLink,
    CheckLinkRequestSla,
    LinkRequestSlaProcessor,
    LinkRequestSlaSchedule,
    SlaMetrics,
  ],
})
export class LinkRequestServiceModule {}

export const LINK_REQUEST_SERVICE: ServiceDefinition<LinkRequestServiceConfig> = {
  name: 'link-request-service',
  description: 'Provider directory search, group links, link requests and their 10-business-day SLA.',
  configClass: LinkRequestServiceConfig,
  database: {
    schema: 'link_request',
    entities: [...PROVIDER_MASTER_ENTITIES, ...PROVIDER_DIRECTORY_ENTITIES, LinkRequest, LinkRequestHistory, LinkRequestNote, Closure, BusinessCalendarAuditEntry, ...ACCESS_GRANTS_ENTITIES],
    migrations: [
      CreateMessagingTables1764000000000,
      ...PROVIDER_MASTER_MIGRATIONS,
      CreateProviderDirectory1764300000000,
      CreateLinkRequests1764300000001,
      IndexLinksByNpi1764400000000,
      SearchProvidersByName1764600000000,
      IndexOpenRequestsBySla1764600000001,
      NameRosterServicingLinks1764700000000,
      IndexLinkRequestsByLocation1764700000001,
      ...ACCESS_GRANTS_MIGRATIONS,
      AssignLinkRequestsAndAddNotes1765200000000,
      AuditBusinessCalendar1765300000000,
      OutboxEventIdNotIndexed1765400000000,
      OrderProviderSearchBySearchName1765500000000,
    ],
  },
  module: LinkRequestServiceModule,
  grants: AccessGrantsModule,
};
