import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { LinkRequestServiceConfig } from './config/link-request-service.config';

@Module({})
export class LinkRequestServiceModule {}

export const LINK_REQUEST_SERVICE: ServiceDefinition<LinkRequestServiceConfig> = {
  name: 'link-request-service',
  description: 'Provider directory search, group links, link requests and their 10-business-day SLA.',
  configClass: LinkRequestServiceConfig,
  database: { schema: 'link_request', entities: [], migrations: [CreateMessagingTables1764000000000] },
  module: LinkRequestServiceModule,
};
