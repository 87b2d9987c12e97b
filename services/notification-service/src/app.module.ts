import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Queues } from '@rosterlink/contracts';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { CreateLetters1764400000000 } from '../migrations/1764400000000-create-letters';
import { CreateNotifications1764400000001 } from '../migrations/1764400000001-create-notifications';
import { CreateTeamAlertEmailsAndLetterResends1764500000000 } from '../migrations/1764500000000-create-team-alert-emails-and-letter-resends';
import { TeamAlertEmail } from './alert-team/team-alert-email.entity';
import { TeamAlertEmailProcessor } from './alert-team/team-alert-email.processor';
import { NotificationServiceConfig } from './config/notification-service.config';
import { LinkRequestProcessedConsumer } from './create-letter/link-request-processed.consumer';
import { LetterDeliveryProcessor } from './deliver-letter/letter-delivery.processor';
import { EmailWhereOnFile, LetterDelivery, PrintMailOutbox } from './deliver-letter/letter-delivery.port';
import { Letter } from './letter/letter.entity';
import { LetterResend } from './letter/letter-resend.entity';
import { Mailer } from './mail/mailer';
import { Notification } from './notification/notification.entity';
import { NotificationEventsConsumer } from './notify/notification-events.consumer';
import { NotificationsController } from './notify/notifications.controller';
import { DeliveryMetrics } from './queues/delivery-metrics';
import { deliveryJobOptions } from './queues/delivery-queues';
import { DeliveryRecovery } from './queues/delivery-recovery';
import { LetterRenderProcessor } from './render-letter/letter-render.processor';
import { LettersController } from './view-letters/letters.controller';

const ENTITIES = [Letter, LetterResend, Notification, TeamAlertEmail];

@Module({
  imports: [
    TypeOrmModule.forFeature(ENTITIES),
    BullModule.registerQueueAsync(
      ...[Queues.LetterRender, Queues.LetterDelivery, Queues.TeamAlertEmail].map((name) => ({
        name,
        useFactory: (config: NotificationServiceConfig) => ({ defaultJobOptions: deliveryJobOptions(config) }),
        inject: [NotificationServiceConfig],
      })),
    ),
  ],
  controllers: [LinkRequestProcessedConsumer, LettersController, NotificationEventsConsumer, NotificationsController],
  providers: [
    LetterRenderProcessor,
    LetterDeliveryProcessor,
    TeamAlertEmailProcessor,
    DeliveryRecovery,
    DeliveryMetrics,
    { provide: Mailer, useFactory: Mailer.fromConfig, inject: [NotificationServiceConfig] },
    {
      provide: LetterDelivery,
      useFactory: (config: NotificationServiceConfig, mailer: Mailer | null) => {
        const printMail = new PrintMailOutbox(config.LETTER_MAIL_OUTBOX_DIR);
        return mailer ? new EmailWhereOnFile(mailer, printMail) : printMail;
      },
      inject: [NotificationServiceConfig, Mailer],
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
    entities: ENTITIES,
    migrations: [
      CreateMessagingTables1764000000000,
      CreateLetters1764400000000,
      CreateNotifications1764400000001,
      CreateTeamAlertEmailsAndLetterResends1764500000000,
    ],
  },
  module: NotificationServiceModule,
};
