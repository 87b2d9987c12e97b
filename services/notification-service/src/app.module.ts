import { OutboxEventIdNotIndexed1765400000000 } from '@rosterlink/messaging';
import { ACCESS_GRANTS_ENTITIES, ACCESS_GRANTS_MIGRATIONS, AccessGrantsModule } from '@rosterlink/access-grants';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { JobProcessorsCheckModule } from '@rosterlink/platform';
import type { ServiceDefinition } from '@rosterlink/platform';
import { CreateMessagingTables1764000000000 } from '../migrations/1764000000000-create-messaging-tables';
import { CreateLetters1764400000000 } from '../migrations/1764400000000-create-letters';
import { CreateNotifications1764400000001 } from '../migrations/1764400000001-create-notifications';
import { CreateTeamAlertEmailsAndLetterResends1764500000000 } from '../migrations/1764500000000-create-team-alert-emails-and-letter-resends';
import { LetterSearches1765300000020 } from '../migrations/1765300000020-letter-searches';
import { SendTeamAlertEmail } from './alert-team/send-team-alert-email.handler';
import { TeamAlertEmailProcessor } from './alert-team/team-alert-email.processor';
import { NotificationServiceConfig } from './config/notification-service.config';
import { CreateLetter } from './create-letter/create-letter.handler';
import { LinkRequestProcessedConsumer } from './create-letter/link-request-processed.consumer';
import { DeliverLetter } from './deliver-letter/deliver-letter.handler';
import { LetterDeliveryProcessor } from './deliver-letter/letter-delivery.processor';
import { EmailWhereOnFile, LetterDelivery, PrintMailOutbox } from './deliver-letter/letter-delivery.port';
import { Letter } from './letter/letter.entity';
import { LetterRepository } from './letter/letter.repository';
import { LetterResend } from './letter/letter-resend.entity';
import { Mailer } from './mail/mailer';
import { Notification } from './notification/notification.entity';
import { NotificationRepository } from './notification/notification.repository';
import { NotificationEventsConsumer } from './notify/notification-events.consumer';
import { Notify } from './notify/notify.handler';
import { DeliveryMetrics } from './queues/delivery-metrics';
import { DELIVERY_QUEUES, DeliveryJobs, deliveryJobOptions } from './queues/delivery-queues';
import { DeliveryRecovery } from './queues/delivery-recovery';
import { ReadNotificationController } from './read-notification/read-notification.controller';
import { ReadNotification } from './read-notification/read-notification.handler';
import { LetterRenderProcessor } from './render-letter/letter-render.processor';
import { RenderLetter } from './render-letter/render-letter.handler';
import { ResendLetterController } from './resend-letter/resend-letter.controller';
import { ResendLetter } from './resend-letter/resend-letter.handler';
import { TeamAlertEmail } from './team-alert-email/team-alert-email.entity';
import { TeamAlertEmailRepository } from './team-alert-email/team-alert-email.repository';
import { LettersController } from './view-letters/letters.controller';
import { ViewLetters } from './view-letters/view-letters.handler';
import { NotificationsController } from './view-notifications/notifications.controller';
import { ViewNotifications } from './view-notifications/view-notifications.handler';

const ENTITIES = [Letter, LetterResend, Notification, TeamAlertEmail];

@Module({
  imports: [
    BullModule.registerQueueAsync(
      ...DELIVERY_QUEUES.map((name) => ({
        name,
        useFactory: (config: NotificationServiceConfig) => ({ defaultJobOptions: deliveryJobOptions(config) }),
        inject: [NotificationServiceConfig],
      })),
    ),
    JobProcessorsCheckModule.forQueues(DELIVERY_QUEUES),
  ],
  controllers: [
    LinkRequestProcessedConsumer,
    LettersController,
    ResendLetterController,
    NotificationEventsConsumer,
    NotificationsController,
    ReadNotificationController,
  ],
  providers: [
    LetterRepository,
    NotificationRepository,
    TeamAlertEmailRepository,
    DeliveryJobs,
    CreateLetter,
    RenderLetter,
    DeliverLetter,
    ResendLetter,
    ViewLetters,
    Notify,
    ViewNotifications,
    ReadNotification,
    SendTeamAlertEmail,
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
    entities: [...ENTITIES, ...ACCESS_GRANTS_ENTITIES],
    migrations: [
      CreateMessagingTables1764000000000,
      CreateLetters1764400000000,
      CreateNotifications1764400000001,
      CreateTeamAlertEmailsAndLetterResends1764500000000,
      ...ACCESS_GRANTS_MIGRATIONS,
      LetterSearches1765300000020,
      OutboxEventIdNotIndexed1765400000000,
    ],
  },
  module: NotificationServiceModule,
  grants: AccessGrantsModule,
};
