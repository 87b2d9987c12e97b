import { runService } from '@rosterlink/platform';
import { LINK_REQUEST_SERVICE } from './app.module';

runService(LINK_REQUEST_SERVICE);
