import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, RecurringTask } from '@rosterlink/platform';
import { RosterFileStore } from '@rosterlink/roster-file';
import { UploadServiceConfig } from '../config/upload-service.config';
import { RosterFileCustody } from '../roster-upload/roster-file-custody';

/**
 * What a crash can leave on disk, swept at start-up and then every ROSTER_FILE_SWEEP_INTERVAL_MS:
 * files still being received when the process died, and stored files whose upload never
 * committed (the process died between keeping the file and the commit). Only files older than
 * ROSTER_FILE_ORPHAN_AGE_MS are touched, so an upload in progress is never disturbed.
 */
@Injectable()
export class SweepRosterFiles implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RosterFileSweep');
  private readonly recurring: RecurringTask;

  constructor(
    private readonly fileStore: RosterFileStore,
    private readonly custody: RosterFileCustody,
    private readonly clock: Clock,
    private readonly config: UploadServiceConfig,
  ) {
    this.recurring = new RecurringTask('Roster file sweep', config.ROSTER_FILE_SWEEP_INTERVAL_MS, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.recurring.start();
  }

  onApplicationShutdown(): void {
    this.recurring.stop();
  }

  async sweep(): Promise<{ temporary: number; orphans: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.ROSTER_FILE_ORPHAN_AGE_MS);
    const temporary = await this.fileStore.removeTemporaryBefore(cutoff);
    let orphans = 0;
    for (const storageKey of await this.custody.unreferenced(await this.fileStore.storedBefore(cutoff))) {
      if (await this.custody.discardIfUnreferenced(storageKey)) orphans++;
    }
    if (temporary + orphans > 0) this.logger.log({ msg: 'removed files left by uploads that did not complete', temporary, orphans });
    return { temporary, orphans };
  }
}
