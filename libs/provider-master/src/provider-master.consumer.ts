import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProviderMasterUpsertedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { Provider, ProviderGroup } from './provider-master.entities';

/**
 * Keeps the service's copy of the provider master. A record older than, or as old as, the one
 * held is ignored, so replays and out-of-order delivery converge to the newest state.
 */
@Controller()
export class ProviderMasterConsumer {
  @OnEvent(Topics.ProviderMasterUpserted)
  async onUpserted({ payload }: ReceivedEvent<ProviderMasterUpsertedV1>, tx: EntityManager): Promise<void> {
    if (payload.kind === 'GROUP') {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ProviderGroup)
        .values({
          pid: payload.pid,
          name: payload.name,
          dbaName: payload.dbaName,
          dbaAddress: payload.dbaAddress,
          correspondenceEmail: payload.correspondenceEmail ?? null,
          serviceLocations: payload.serviceLocations,
          updatedAt: new Date(payload.updatedAt),
        })
        .orUpdate(['name', 'dba_name', 'dba_address', 'correspondence_email', 'service_locations', 'updated_at'], ['pid'], {
          overwriteCondition: { where: 'provider_groups.updated_at < EXCLUDED.updated_at' },
        })
        .execute();
      return;
    }
    await tx
      .createQueryBuilder()
      .insert()
      .into(Provider)
      .values({
        pid: payload.pid,
        npi: payload.npi,
        firstName: payload.firstName,
        lastName: payload.lastName,
        providerType: payload.providerType,
        credentialed: payload.credentialed,
        updatedAt: new Date(payload.updatedAt),
      })
      .orUpdate(['npi', 'first_name', 'last_name', 'provider_type', 'credentialed', 'updated_at'], ['pid'], {
        overwriteCondition: { where: 'providers.updated_at < EXCLUDED.updated_at' },
      })
      .execute();
  }
}
