import { KafkaProbe, ServiceProcess, eventually } from '@rosterlink/testing';
import {
  BAD_HEADER_ROSTER,
  GROUP,
  HostileCase,
  HostileSuite,
  multipart,
  MultipartBody,
  OTHER_GROUP,
  personaTokens,
  PersonaTokens,
  publishProviderMaster,
  rosterUpload,
  runHostileCase,
  send,
  startServices,
  stopAll,
  stopRestarted,
  uniqueRoster,
  uploadServiceKnowsGroups,
  WriteWatch,
  UPLOAD_OVERRIDES,
} from './hostile-fixtures';

const FIELDS = { groupId: GROUP, importType: 'ADD_UPDATE' };

/**
 * Hostile roster uploads (POST /roster-uploads): files that are not rosters, malformed multipart
 * bodies, prototype-named fields, and uploads refused late (after the file was received), which
 * must leave nothing in the content-addressed store.
 */
describe('hostile input: upload-service', () => {
  const probe = new KafkaProbe();
  let upload: ServiceProcess;
  let importService: ServiceProcess;
  let watch: WriteWatch;
  let tokens: PersonaTokens;
  let suite: HostileSuite;
  /** A NEW case of OTHER_GROUP, and a SUPERSEDED case of GROUP. */
  const cases = { otherGroups: '', superseded: '' };

  const provider = () => tokens.provider;
  const post = (body: MultipartBody, token = provider(), headers: Record<string, string> = {}) => ({
    method: 'POST',
    path: '/roster-uploads',
    token,
    body: body.body,
    headers: { ...body.headers, ...headers },
  });

  /** Uploads a roster (back office) and waits until upload-service has recorded its case; returns the case number. */
  async function uploadedCase(groupId: string, fields: Record<string, string> = {}): Promise<string> {
    const accepted = await send(upload.baseUrl, post(rosterUpload(uniqueRoster(), { groupId, ...fields }), tokens['back office']));
    if (accepted.status !== 202) throw new Error(`set-up upload answered ${accepted.status}: ${accepted.text}`);
    const { uploadId } = JSON.parse(accepted.text) as { uploadId: string };
    return eventually(async () => {
      const [row] = await watch.query<{ case_number: string | null }>('SELECT case_number FROM roster_upload.roster_uploads WHERE upload_id = $1', [uploadId]);
      if (!row?.case_number) throw new Error(`no case yet for upload ${uploadId}`);
      return row.case_number;
    }, { timeoutMs: 30_000 });
  }

  beforeAll(async () => {
    tokens = await personaTokens();
    await publishProviderMaster(probe);
    ({ 'upload-service': upload, 'import-service': importService } = await startServices(['upload-service', 'import-service'], {
      'upload-service': UPLOAD_OVERRIDES,
    }));
    watch = await WriteWatch.open();
    await uploadServiceKnowsGroups(upload, tokens['back office']);

    cases.otherGroups = await uploadedCase(OTHER_GROUP);
    cases.superseded = await uploadedCase(GROUP);
    await uploadedCase(GROUP, { supersedesCaseNumber: cases.superseded });
    await eventually(async () => {
      const [row] = await watch.query<{ case_status: string }>('SELECT case_status FROM roster_upload.roster_uploads WHERE case_number = $1', [cases.superseded]);
      if (row?.case_status !== 'SUPERSEDED') throw new Error(`case ${cases.superseded} is ${row?.case_status}`);
    }, { timeoutMs: 30_000 });
    await watch.settled();

    suite = {
      watch,
      targets: {
        upload: {
          name: 'upload-service',
          baseUrl: upload.baseUrl,
          // Authenticated, multipart, validated, the file read and refused: the whole upload path, writing nothing.
          normal: [[() => post(rosterUpload(BAD_HEADER_ROSTER)), 422]],
          restart: () => ServiceProcess.start('upload-service', UPLOAD_OVERRIDES),
        },
      },
    };
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await watch?.close();
    await stopAll([upload, importService]);
    await stopRestarted(suite?.targets);
  });

  const NOT_A_ROSTER = /neither CSV|not the approved roster template|cannot be read|UTF-8|xlsx/i;

  const hostileUploads: HostileCase[] = [
    // Files that are not rosters (these should already pass).
    { name: 'binary junk as the roster', target: 'upload', request: () => post(rosterUpload(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 9, 0x80]))), status: 422, said: NOT_A_ROSTER },
    {
      name: 'an .xlsx that is not a zip archive (ZIP signature, then junk)',
      target: 'upload',
      request: () => post(rosterUpload(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096, 7)]), {}, 'roster.xlsx')),
      status: 422,
      said: /xlsx|zip|cannot be read/i,
    },
    {
      name: 'an .xlsx that is plain text',
      target: 'upload',
      request: () => post(rosterUpload('this is not a workbook at all', {}, 'roster.xlsx')),
      status: 422,
      said: /template|header|column/i,
    },
    {
      name: 'a legacy .xls (OLE compound file)',
      target: 'upload',
      request: () => post(rosterUpload(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]), {}, 'roster.xls')),
      status: 422,
      said: NOT_A_ROSTER,
    },
    {
      name: 'a header of 10,000 columns',
      target: 'upload',
      request: () => post(rosterUpload(`${Array.from({ length: 10_000 }, (_, i) => `Column ${i}`).join(',')}\n${'x,'.repeat(9_999)}x\n`)),
      status: 422,
      said: /malformed|too long|longer|unknown|column/i,
    },
    {
      name: 'one 5 MB header field',
      target: 'upload',
      request: () => post(rosterUpload(`NPI,${'y'.repeat(5_000_000)}\n1234567893,x\n`)),
      status: 422,
      said: /malformed|too long|longer|unknown|column/i,
    },
    {
      name: 'invalid UTF-8 in a CSV',
      target: 'upload',
      request: () => post(rosterUpload(Buffer.concat([Buffer.from('NPI,Last Name\n'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28]), Buffer.from(',x\n')]))),
      status: 422,
      said: NOT_A_ROSTER,
    },
    {
      name: 'UTF-16 text with a BOM',
      target: 'upload',
      request: () => post(rosterUpload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('NPI,Last Name\n1,2\n', 'utf16le')]))),
      status: 422,
      said: NOT_A_ROSTER,
    },
    { name: 'an empty file', target: 'upload', request: () => post(rosterUpload('')), status: 400, said: /file/i },
    {
      name: 'the file in a part not named "file"',
      target: 'upload',
      request: () => post(multipart(Object.entries(FIELDS), { content: BAD_HEADER_ROSTER, fieldName: 'roster' })),
      status: 400,
      said: /file/i,
    },
    {
      name: 'a file name that climbs out of the store (../../)',
      target: 'upload',
      request: () => post(rosterUpload(BAD_HEADER_ROSTER, {}, '../../../../tmp/hostile.csv')),
      status: 422,
      said: /template|header|column/i,
    },

    // Malformed or mistyped bodies.
    { name: 'a JSON body instead of multipart', target: 'upload', request: () => ({ method: 'POST', path: '/roster-uploads', token: provider(), headers: { 'content-type': 'application/json' }, body: JSON.stringify(FIELDS) }), status: 400, said: /multipart/i },
    { name: 'no content type at all', target: 'upload', request: () => ({ method: 'POST', path: '/roster-uploads', token: provider(), body: 'groupId=110000901' }), status: 400, said: /multipart/i },
    { name: 'multipart without a boundary', target: 'upload', request: () => ({ method: 'POST', path: '/roster-uploads', token: provider(), headers: { 'content-type': 'multipart/form-data' }, body: 'junk' }), status: 400, said: /boundary|multipart/i },
    {
      name: 'a multipart body cut short (no closing boundary)',
      target: 'upload',
      request: () => ({ method: 'POST', path: '/roster-uploads', token: provider(), headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: `--xyz\r\ncontent-disposition: form-data; name="file"; filename="r.csv"\r\n\r\n${BAD_HEADER_ROSTER}` }),
      status: 400,
      said: /whole|malformed|incomplete|multipart|cut/i,
    },

    // Fields.
    { name: 'a multipart field named __proto__', target: 'upload', request: () => post(multipart([...Object.entries(FIELDS), ['__proto__', 'x']], { content: uniqueRoster() })), status: 400, said: /__proto__/ },
    { name: 'a multipart field named constructor', target: 'upload', request: () => post(multipart([...Object.entries(FIELDS), ['constructor', 'x']], { content: uniqueRoster() })), status: 400, said: /constructor/ },
    { name: 'a multipart field named prototype', target: 'upload', request: () => post(multipart([...Object.entries(FIELDS), ['prototype', 'x']], { content: uniqueRoster() })), status: 400, said: /prototype/ },
    { name: 'an unknown multipart field', target: 'upload', request: () => post(multipart([...Object.entries(FIELDS), ['isAdmin', 'true']], { content: uniqueRoster() })), status: 400, said: /isAdmin/ },
    { name: 'groupId with SQL in it', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { groupId: "110000901' OR '1'='1" })), status: 400, said: /groupId/ },
    { name: 'groupId of 5,000 characters', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { groupId: '1'.repeat(5000) })), status: 400, said: /groupId/ },
    { name: 'groupId with a NUL character', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { groupId: '110000901\u0000' })), status: 400, said: /groupId|NUL/i },
    { name: 'an unknown import type', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { importType: 'DROP_ALL' })), status: 400, said: /importType/ },
    { name: 'supersedesCaseNumber that is a path', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { supersedesCaseNumber: '../../etc/passwd' })), status: 400, said: /supersedesCaseNumber/ },

    // Refused after the file was received: nothing may be kept in <store>/sha256 (each file is new content).
    {
      name: "supersedesCaseNumber naming another group's case (422, and no file kept)",
      target: 'upload',
      request: () => post(rosterUpload(uniqueRoster(), { supersedesCaseNumber: cases.otherGroups })),
      status: 422,
      said: /not a roster-import case|no such case/i,
    },
    {
      name: 'supersedesCaseNumber naming a SUPERSEDED case (409, and no file kept)',
      target: 'upload',
      request: () => post(rosterUpload(uniqueRoster(), { supersedesCaseNumber: cases.superseded })),
      status: 409,
      said: /SUPERSEDED|only a NEW or REJECTED/i,
      extraKeys: ['caseNumber', 'status'],
    },
    { name: 'a header that is not the template (422, and no file kept)', target: 'upload', request: () => post(rosterUpload(`${BAD_HEADER_ROSTER}# ${Date.now()}\n`)), status: 422, said: /template|header|column/i },
    { name: 'a group the provider master does not know (404, and no file kept)', target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { groupId: '110000999' }), tokens['back office']), status: 404, said: /not found/i },
    { name: "another group's upload by a provider user (404, and no file kept)", target: 'upload', request: () => post(rosterUpload(uniqueRoster(), { groupId: OTHER_GROUP })), status: 404, said: /not found/i },

    // Sizes and headers.
    // An oversized file is refused from its declared Content-Length, before the body is read
    // (upload-aborts.e2e-spec.ts: "the limit plus 1 MB"). A client that pushes the whole body
    // regardless may see the connection reset instead of the 413: Node closes it with unread bytes.
    { name: 'no file part at all', target: 'upload', request: () => post(multipart(Object.entries(FIELDS))), status: 400, said: /file/i },
    { name: 'a 20 KB request header', target: 'upload', request: () => post(rosterUpload(BAD_HEADER_ROSTER), provider(), { 'x-padding': 'z'.repeat(20_000) }), status: 431, body: 'protocol' },
    {
      name: 'Content-Length and Transfer-Encoding both (request smuggling)',
      target: 'upload',
      request: () => post(rosterUpload(BAD_HEADER_ROSTER), provider(), { 'transfer-encoding': 'chunked' }),
      status: 400,
      body: 'protocol',
    },
  ];

  it.each(hostileUploads.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runHostileCase(suite, c);
  });
});
