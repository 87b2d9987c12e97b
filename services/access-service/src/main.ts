import { runService } from '@rosterlink/platform';
import { ACCESS_SERVICE } from './app.module';

runService(ACCESS_SERVICE);
