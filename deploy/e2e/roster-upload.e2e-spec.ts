import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  ServiceProcess,
  tokenFor,
} from '@rosterlink/testing';

const SERVICES = ['upload-service', 'import-service', 'link-request-service', 'notification-service'];

describe('the running system', () => {
  const running = new Map<string, ServiceProcess>();
  const probe = new KafkaProbe();

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, '110000001', groupPractice({ pid: '110000001' }));
    for (const [name, service] of await Promise.all(SERVICES.map(async (n) => [n, await ServiceProcess.start(n)] as const))) {
      running.set(name, service);
    }
  });

  afterAll(async () => {
    await probe.close();
    await Promise.all([...running.values()].map((s) => s.stop()));
  });

  it.each(SERVICES)('%s is healthy, documents its API and exposes metrics', async (name) => {
    const { baseUrl } = running.get(name)!;
    const health = await fetch(`${baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, schema: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } },
    });
    const openApi = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { openapi: string; info: { title: string } };
    expect(openApi.info.title).toBe(`rosterlink ${name}`);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toContain(`service="${name}"`);
  });

  it('turns an uploaded roster into a NEW roster-import case the group can open', async () => {
    const practiceManager = await tokenFor(providerUser('110000001A'));
    // Retried until upload-service has consumed the group from the provider master.
    const accepted = await eventually(async () => {
      const form = new FormData();
      form.append('groupId', '110000001');
      form.append('importType', 'ADD_UPDATE');
      form.append('file', new Blob([rosterCsv([rosterRow(1)])]), 'roster.csv');
      const response = await fetch(`${running.get('upload-service')!.baseUrl}/roster-uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${practiceManager}` },
        body: form,
      });
      if (response.status === 404) throw new Error('group not known yet');
      return response;
    });
    expect(accepted.status).toBe(202);
    const { uploadId } = (await accepted.json()) as { uploadId: string };

    const importService = running.get('import-service')!.baseUrl;
    const opened = await eventually(async () => {
      const response = await fetch(`${importService}/cases?uploadId=${uploadId}`, {
        headers: { authorization: `Bearer ${practiceManager}` },
      });
      const { items } = (await response.json()) as { items: { caseNumber: string; status: string }[] };
      if (items.length === 0) throw new Error('case not opened yet');
      return items[0];
    });
    expect(opened.status).toBe('NEW');
    const detail = await fetch(`${importService}/cases/${opened.caseNumber}`, {
      headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` },
    });
    expect(((await detail.json()) as { uploadId: string }).uploadId).toBe(uploadId);
  });

  it('shuts down on SIGTERM and stops serving', async () => {
    const service = running.get('notification-service')!;
    running.delete('notification-service');
    expect(await service.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    await expect(fetch(`${service.baseUrl}/health`)).rejects.toThrow();
  });
});
