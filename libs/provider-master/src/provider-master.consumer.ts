import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProviderMasterUpsertedV1, Topics } from '@rosterlink/contracts';
import { OnEventBatch, ReceivedEvent } from '@rosterlink/messaging';
import { Provider, ProviderGroup } from './provider-master.entities';

type GroupRecord = Extract<ProviderMasterUpsertedV1, { kind: 'GROUP' }>;
type IndividualRecord = Extract<ProviderMasterUpsertedV1, { kind: 'INDIVIDUAL' }>;

/**
 * Keeps the service's copy of the provider master, a consumed batch at a time: one upsert for its
 * groups and one for its individuals. A record older than, or as old as, the one held is ignored,
 * so replays and out-of-order delivery converge to the newest state.
 */
@Controller()
export class ProviderMasterConsumer {
  @OnEventBatch(Topics.ProviderMasterUpserted)
  async onUpserted(events: ReceivedEvent<ProviderMasterUpsertedV1>[], tx: EntityManager): Promise<void> {
    const records = newestByPid(events.map((e) => e.payload));
    const groups = records.filter((r): r is GroupRecord => r.kind === 'GROUP');
    const individuals = records.filter((r): r is IndividualRecord => r.kind === 'INDIVIDUAL');
    if (groups.length > 0) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ProviderGroup)
        .values(
          groups.map((g) => ({
            pid: g.pid,
            name: g.name,
            dbaName: g.dbaName,
            dbaAddress: g.dbaAddress,
            correspondenceEmail: g.correspondenceEmail ?? null,
            serviceLocations: g.serviceLocations,
            updatedAt: new Date(g.updatedAt),
          })),
        )
        .orUpdate(['name', 'dba_name', 'dba_address', 'correspondence_email', 'service_locations', 'updated_at'], ['pid'], {
          overwriteCondition: { where: 'provider_groups.updated_at < EXCLUDED.updated_at' },
        })
        .execute();
    }
    if (individuals.length > 0) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(Provider)
        .values(
          individuals.map((p) => ({
            pid: p.pid,
            npi: p.npi,
            firstName: p.firstName,
            lastName: p.lastName,
            providerType: p.providerType,
            credentialed: p.credentialed,
            updatedAt: new Date(p.updatedAt),
          })),
        )
        .orUpdate(['npi', 'first_name', 'last_name', 'provider_type', 'credentialed', 'updated_at'], ['pid'], {
          overwriteCondition: { where: 'providers.updated_at < EXCLUDED.updated_at' },
        })
        .execute();
    }
  }
}

/** One record per kind and PID, the newest (the later one on a tie): one upsert cannot touch a row twice. */
export function newestByPid(records: ProviderMasterUpsertedV1[]): ProviderMasterUpsertedV1[] {
  const newest = new Map<string, ProviderMasterUpsertedV1>();
  for (const record of records) {
    const key = `${record.kind}:${record.pid}`;
    const held = newest.get(key);
    if (!held || Date.parse(held.updatedAt) <= Date.parse(record.updatedAt)) newest.set(key, record);
  }
  return [...newest.values()];
}
