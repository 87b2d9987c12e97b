import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { NotificationServiceConfig } from './config/notification-service.config';

@Module({})
export class NotificationServiceModule {}

export const NOTIFICATION_SERVICE: ServiceDefinition<NotificationServiceConfig> = {
  name: 'notification-service',
  description: 'Letters to the DBA address and notifications for portal and back-office users.',
  configClass: NotificationServiceConfig,
  database: { schema: 'notification', entities: [], migrations: [CreateMessagingTables1764000000000] },
  module: NotificationServiceModule,
};
