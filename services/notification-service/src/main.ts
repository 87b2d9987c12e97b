import { runService } from '@rosterlink/platform';
import { NOTIFICATION_SERVICE } from './app.module';

runService(NOTIFICATION_SERVICE);
