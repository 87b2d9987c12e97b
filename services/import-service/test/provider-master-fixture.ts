import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { eventually, groupPractice, individualProvider, KafkaProbe } from '@rosterlink/testing';

/**
 * Puts a group (service locations A and B) and one credentialed practitioner on the provider-master
 * topic, and waits until import-service has projected both: a credentialed practitioner's rows are
 * SUBMITTED, not WAITING_FOR_CAQH.
 */
export async function seedProviderMaster(
  probe: KafkaProbe,
  db: () => DataSource,
  group: string,
  credentialed: { pid: string; npi: string },
): Promise<void> {
  await probe.publish(Topics.ProviderMasterUpserted, group, groupPractice({ pid: group, serviceLocations: [{ sl: 'A' }, { sl: 'B' }] }));
  await probe.publish(Topics.ProviderMasterUpserted, credentialed.pid, individualProvider({ ...credentialed, credentialed: true }));
  await eventually(async () => {
    const [row] = await db().query(
      `SELECT (SELECT count(*) FROM roster_import.provider_groups WHERE pid = $1)::int AS groups,
              (SELECT count(*) FROM roster_import.providers WHERE npi = $2)::int AS providers`,
      [group, credentialed.npi],
    );
    if (row.groups !== 1 || row.providers !== 1) throw new Error('provider master not projected yet');
  });
}
