import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { AuthenticatedUser } from '@rosterlink/auth';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import type { ProviderGroupRepository } from '../provider-group/provider-group.repository';
import { checkRosterFile } from '../upload-roster/roster-file-check';
import { GroupRosterTemplate } from './group-roster-template.handler';

const GROUP = '110000001';
const OTHER_GROUP = '110000002';
const SERVICE_LOCATION_COLUMN = ROSTER_COLUMNS.findIndex((column) => column.key === 'serviceLocation') + 1;

const providerUser = new AuthenticatedUser('u-1', 'Pat Provider', ['provider'], [`${GROUP}B`]);
const backOffice = new AuthenticatedUser('u-2', 'Bo Office', ['back-office'], []);

/** The provider master as upload-service's copy holds it: the group with locations B, A, D. */
function groupsWith(locations: Record<string, string[]>) {
  const serviceLocationsOf = jest.fn(async (groupId: string) => locations[groupId]);
  return { repository: { serviceLocationsOf } as unknown as ProviderGroupRepository, serviceLocationsOf };
}

async function serviceLocationList(file: Buffer): Promise<unknown> {
  const workbook = new Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.getWorksheet('Roster')?.getCell(2, SERVICE_LOCATION_COLUMN).dataValidation?.formulae;
}

describe('GroupRosterTemplate', () => {
  it("gives a provider user of the group the template whose Service Location drop-down is the group's locations", async () => {
    const { repository } = groupsWith({ [GROUP]: ['A', 'B', 'D'] });
    const file = await new GroupRosterTemplate(repository).execute({ groupId: GROUP, user: providerUser });
    expect(await serviceLocationList(file)).toEqual(['"A,B,D"']);
  });

  it('gives the back office the template of any group the provider master knows', async () => {
    const { repository } = groupsWith({ [OTHER_GROUP]: ['C'] });
    const file = await new GroupRosterTemplate(repository).execute({ groupId: OTHER_GROUP, user: backOffice });
    expect(await serviceLocationList(file)).toEqual(['"C"']);
  });

  it('answers 404 for a group outside the provider user grants, without looking it up', async () => {
    const { repository, serviceLocationsOf } = groupsWith({ [OTHER_GROUP]: ['A'] });
    await expect(new GroupRosterTemplate(repository).execute({ groupId: OTHER_GROUP, user: providerUser })).rejects.toThrow(
      new NotFoundException(`Group ${OTHER_GROUP} not found`),
    );
    expect(serviceLocationsOf).not.toHaveBeenCalled();
  });

  it('answers 404 for a group the provider master does not know, as for one outside the grants', async () => {
    const { repository } = groupsWith({});
    await expect(new GroupRosterTemplate(repository).execute({ groupId: GROUP, user: providerUser })).rejects.toThrow(
      new NotFoundException(`Group ${GROUP} not found`),
    );
  });

  it('makes a template that, uploaded untouched, is refused for having no data rows (its example row is not on the Roster sheet)', async () => {
    const { repository } = groupsWith({ [GROUP]: ['A'] });
    const directory = await mkdtemp(join(tmpdir(), 'roster-template-'));
    try {
      const path = join(directory, 'roster-template.xlsx');
      await writeFile(path, await new GroupRosterTemplate(repository).execute({ groupId: GROUP, user: providerUser }));
      for (const importType of ['ADD_UPDATE', 'TERMINATE'] as const) {
        expect(await checkRosterFile(path, 'XLSX', importType)).toEqual([
          { field: 'file', row: 2, code: 'NO_DATA_ROWS', message: 'The file has the template header but no practitioner rows' },
        ]);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
