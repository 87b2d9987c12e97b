import { runService } from '@rosterlink/platform';
import { UPLOAD_SERVICE } from './app.module';

runService(UPLOAD_SERVICE);
