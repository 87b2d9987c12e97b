import { Workbook } from 'exceljs';
import { Topics } from '@rosterlink/contracts';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  KafkaProbe,
  providerUser,
  rosterRow,
  RunningService,
  startService,
  tokenFor,
} from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

const GROUP = '110000071';
const OTHER_GROUP = '110000072';
const SERVICE_LOCATION_COLUMN = ROSTER_COLUMNS.findIndex((column) => column.key === 'serviceLocation') + 1;

describe('upload-service: GET /roster-template.xlsx?groupId=', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let token: string;

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE);
    probe = new KafkaProbe();
    token = await tokenFor(providerUser(`${GROUP}C`));
    await probe.publish(
      Topics.ProviderMasterUpserted,
      GROUP,
      groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'C', name: 'North' }, { sl: 'A', name: 'Main' }, { sl: 'E' }] }),
    );
    await probe.publish(Topics.ProviderMasterUpserted, OTHER_GROUP, groupPractice({ pid: OTHER_GROUP, serviceLocations: [{ sl: 'B' }] }));
    // Both groups are known once upload-service has consumed the provider master.
    await eventually(async () => {
      for (const groupId of [GROUP, OTHER_GROUP]) {
        const response = await template(groupId, await tokenFor(backOfficeUser()));
        if (response.status === 404) throw new Error(`group ${groupId} not projected yet`);
      }
    });
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  function template(groupId: string | undefined, bearer: string | undefined): Promise<Response> {
    const query = groupId === undefined ? '' : `?groupId=${groupId}`;
    return fetch(`${service.baseUrl}/roster-template.xlsx${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  }

  async function workbookOf(response: Response): Promise<Workbook> {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return workbook;
  }

  function serviceLocationDropDown(workbook: Workbook): unknown {
    return workbook.getWorksheet('Roster')?.getCell(2, SERVICE_LOCATION_COLUMN).dataValidation?.formulae;
  }

  function upload(groupId: string, file: Buffer): Promise<Response> {
    const form = new FormData();
    form.append('groupId', groupId);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([file]), 'roster-template.xlsx');
    return fetch(`${service.baseUrl}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  }

  it("lists the group's service locations, from the provider master, in the Service Location drop-down", async () => {
    expect(serviceLocationDropDown(await workbookOf(await template(GROUP, token)))).toEqual(['"A,C,E"']);
    expect(serviceLocationDropDown(await workbookOf(await template(OTHER_GROUP, await tokenFor(backOfficeUser()))))).toEqual(['"B"']);
  });

  it('still serves the public template without a token, without a Service Location drop-down', async () => {
    expect(serviceLocationDropDown(await workbookOf(await template(undefined, undefined)))).toBeUndefined();
  });

  it('needs a valid token for a group template (401), and answers 404 outside the grants as for an unknown group', async () => {
    expect((await template(GROUP, undefined)).status).toBe(401);
    expect((await template(GROUP, 'not-a-token')).status).toBe(401);
    expect((await template(OTHER_GROUP, token)).status).toBe(404);
    expect((await template('110000079', token)).status).toBe(404);
    expect((await template('110000079', await tokenFor(backOfficeUser()))).status).toBe(404);
    expect((await template('11000007', token)).status).toBe(400);
  });

  it('refuses the template uploaded untouched (no data rows) and accepts it filled in with its drop-down values', async () => {
    const response = await template(GROUP, token);
    const untouched = Buffer.from(await response.clone().arrayBuffer());
    const refused = await upload(GROUP, untouched);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { details: { code: string }[] }).details.map((d) => d.code)).toEqual(['NO_DATA_ROWS']);

    const workbook = await workbookOf(response);
    const roster = workbook.getWorksheet('Roster');
    if (!roster) throw new Error('no Roster sheet');
    const values = rosterRow(71, { 'Service Location': 'E', Gender: 'U', 'Provider Type': 'NURSE_MIDWIFE', 'License State': 'PR' });
    ROSTER_COLUMNS.forEach((column, index) => {
      const value = values[column.header];
      if (value !== undefined && value !== '') roster.getCell(2, index + 1).value = value;
    });
    const accepted = await upload(GROUP, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(accepted.status).toBe(202);
  });
});
