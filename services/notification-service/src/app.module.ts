import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queues } from '@rosterlink/contracts';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { CreateLetters1764400000000 } from '../migrations/1764400000000-create-letters';
import { CreateNotifications1764400000001 } from '../migrations/1764400000001-create-notifications';
import { NotificationServiceConfig } from './config/notification-service.config';
import { LinkRequestProcessedConsumer } from './create-letter/link-request-processed.consumer';
import { LetterDeliveryProcessor } from './deliver-letter/letter-delivery.processor';
import { LetterDelivery, PrintMailOutbox } from './deliver-letter/letter-delivery.port';
import { Letter } from './letter/letter.entity';
import { LetterRecovery } from './letter/letter-recovery';
import { Notification } from './notification/notification.entity';
import { NotificationEventsConsumer } from './notify/notification-events.consumer';
import { NotificationsController } from './notify/notifications.controller';
import { LetterRenderProcessor } from './render-letter/letter-render.processor';
import { LettersController } from './view-letters/letters.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Letter, Notification]),
    BullModule.registerQueue({ name: Queues.LetterRender }, { name: Queues.LetterDelivery }),
  ],
  controllers: [LinkRequestProcessedConsumer, LettersController, NotificationEventsConsumer, NotificationsController],
  providers: [
    LetterRenderProcessor,
    LetterDeliveryProcessor,
    LetterRecovery,
    {
      provide: LetterDelivery,
      useFactory: (config: NotificationServiceConfig) => new PrintMailOutbox(config.LETTER_MAIL_OUTBOX_DIR),
      inject: [NotificationServiceConfig],
    },
  ],
})
export class NotificationServiceModule {}

export const NOTIFICATION_SERVICE: ServiceDefinition<NotificationServiceConfig> = {
  name: 'notification-service',
  description: 'Letters to the DBA address and notifications for portal and back-office users.',
  configClass: NotificationServiceConfig,
  database: {
    schema: 'notification',
    entities: [Letter, Notification],
    migrations: [CreateMessagingTables1764000000000, CreateLetters1764400000000, CreateNotifications1764400000001],
  },
  module: NotificationServiceModule,
};
