import { runService } from '@rosterlink/platform';
import { IMPORT_SERVICE } from './app.module';

runService(IMPORT_SERVICE);
