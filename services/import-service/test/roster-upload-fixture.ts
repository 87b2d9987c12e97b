import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportType, RosterFileFormat, RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { LocalDirectoryRosterFileStore } from '@rosterlink/roster-file';
import { eventually, KafkaProbe, RunningService, testStack } from '@rosterlink/testing';

export interface RosterUploadOptions {
  groupId: string;
  importType?: ImportType;
  /** Default `roster.csv` or `roster.xlsx`, by the content. */
  fileName?: string;
  supersedesCaseNumber?: string;
  uploadedBy?: string;
  uploadedAt?: Date;
}

/**
 * What upload-service does with an accepted file: keeps it in the file store and announces it on
 * `roster.uploaded.v1` (a string is a CSV file, a Buffer an Excel workbook).
 */
export async function announceRosterUpload(
  probe: KafkaProbe,
  content: string | Buffer,
  options: RosterUploadOptions,
): Promise<{ upload: RosterUploadedV1; bytes: Buffer }> {
  const format: RosterFileFormat = typeof content === 'string' ? 'CSV' : 'XLSX';
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const temporary = join(await mkdtemp(join(tmpdir(), 'roster-')), 'upload');
  await writeFile(temporary, bytes);
  const { storageKey } = await new LocalDirectoryRosterFileStore(testStack().fileStoreDir).keep(temporary, sha256);
  const upload: RosterUploadedV1 = {
    uploadId: randomUUID(),
    groupId: options.groupId,
    importType: options.importType ?? 'ADD_UPDATE',
    fileFormat: format,
    fileName: options.fileName ?? `roster.${format.toLowerCase()}`,
    sizeBytes: bytes.length,
    sha256,
    storageKey,
    ...(options.supersedesCaseNumber ? { supersedesCaseNumber: options.supersedesCaseNumber } : {}),
    uploadedBy: options.uploadedBy ?? 'provider-1',
    uploadedAt: (options.uploadedAt ?? new Date()).toISOString(),
  };
  await probe.publish(Topics.RosterUploaded, upload.groupId, upload);
  return { upload, bytes };
}

/** GET on the running import-service with a bearer token: the status and the JSON body. */
async function getJson<T>(service: RunningService, token: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** The case import-service opened for an upload, once it has (`GET /cases?uploadId=`). */
export function caseOpenedFor<Case extends { caseNumber: string }>(service: RunningService, token: string, uploadId: string): Promise<Case> {
  return eventually(async () => {
    const { body } = await getJson<{ items: Case[] }>(service, token, `/cases?uploadId=${uploadId}`);
    if (!body.items[0]) throw new Error('case not opened yet');
    return body.items[0];
  });
}

/** Clicks Process Roster Import (202) and waits until the case is no longer NEW or PROCESSING. */
export async function processToEnd<Case extends { status: string }>(service: RunningService, token: string, caseNumber: string): Promise<Case> {
  const started = await fetch(`${service.baseUrl}/cases/${caseNumber}/process`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (started.status !== 202) throw new Error(`Process Roster Import answered ${started.status}: ${await started.text()}`);
  return eventually(
    async () => {
      const { body } = await getJson<Case>(service, token, `/cases/${caseNumber}`);
      if (body.status === 'NEW' || body.status === 'PROCESSING') throw new Error(`still ${body.status}`);
      return body;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}
