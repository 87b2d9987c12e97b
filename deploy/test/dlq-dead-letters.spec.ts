import {
  auditRecordOf,
  countByTopic,
  DeadLetter,
  deadLetterTopicNamed,
  decodeHeaders,
  formatDryRunLine,
  formatList,
  formatListLine,
  formatShow,
  matches,
  parseArgs,
  parseCoordinates,
  replayMessageOf,
  staleReplayWarning,
  UsageError,
} from '../dlq/dead-letters';

const EVENT_ID = '3f1c2b9a-5d7e-4c1a-9b2f-0e8d7c6b5a41';
const PAYLOAD = { caseNumber: 'RI-2025-000123', groupId: '110000071', patientName: 'SECRET PHI' };

function letter(overrides: Partial<DeadLetter> = {}, headers: Record<string, string> = {}): DeadLetter {
  return {
    topic: 'roster-import.completed.v1.dlq',
    partition: 0,
    offset: '7',
    timestamp: Date.parse('2025-03-04T10:00:00.000Z'),
    key: Buffer.from('110000071'),
    value: Buffer.from(JSON.stringify(PAYLOAD)),
    headers: {
      ce_id: EVENT_ID,
      ce_type: 'roster-import.completed.v1',
      ce_source: '/rosterlink/import-service',
      ce_time: '2025-03-04T09:59:59.000Z',
      ce_specversion: '1.0',
      'content-type': 'application/json',
      dlq_reason: 'QueryFailedError: relation "x" does not exist',
      dlq_consumer: 'notification-service',
      dlq_source_topic: 'roster-import.completed.v1',
      dlq_source_partition: '4',
      dlq_source_offset: '1234',
      dlq_attempts: '5',
      ...headers,
    },
    ...overrides,
  };
}

describe('dlq arguments', () => {
  it('parses list filters; a topic by either name', () => {
    expect(parseArgs(['list', '--topic', 'letter.sent.v1', '--topic=roster.uploaded.v1.dlq', '--since', '2025-03-01', '--until', '2025-03-02T12:00:00Z', '--error', 'Query', '--consumer', 'notification-service'])).toEqual({
      command: 'list',
      filter: {
        topics: ['letter.sent.v1.dlq', 'roster.uploaded.v1.dlq'],
        since: new Date('2025-03-01'),
        until: new Date('2025-03-02T12:00:00Z'),
        error: 'Query',
        consumer: 'notification-service',
      },
    });
    expect(parseArgs(['list'])).toEqual({ command: 'list', filter: { topics: [] } });
  });

  it('takes the run prefix off topic names and coordinates', () => {
    expect(parseArgs(['list', '--topic', 'test-x.letter.sent.v1'], 'test-x.')).toMatchObject({ filter: { topics: ['letter.sent.v1.dlq'] } });
    expect(parseCoordinates('test-x.letter.sent.v1.dlq:0:12', 'test-x.')).toEqual({ topic: 'letter.sent.v1.dlq', partition: 0, offset: '12' });
  });

  it('refuses what it does not understand', () => {
    const refused = (argv: string[]) => expect(() => parseArgs(argv)).toThrow(UsageError);
    refused(['purge']);
    refused(['list', '--topic', 'no-such.v1']);
    refused(['list', '--since', 'yesterday']);
    refused(['list', '--topic']);
    refused(['list', '--by', 'me']);
    refused(['list', 'letter.sent.v1.dlq:0:1']);
    refused(['show']);
    refused(['show', 'letter.sent.v1:0:1']); // not a dead-letter topic
    refused(['show', 'letter.sent.v1.dlq:0']);
    refused(['show', 'letter.sent.v1.dlq:0:1', '--all']);
    refused(['list', '--bogus']);
  });

  it('parses show', () => {
    expect(parseArgs(['show', 'roster-import.completed.v1.dlq:0:42'])).toEqual({
      command: 'show',
      at: { topic: 'roster-import.completed.v1.dlq', partition: 0, offset: '42' },
    });
  });

  it('replays named dead letters, a filter, or --all: exactly one of them', () => {
    expect(parseArgs(['replay', 'letter.sent.v1.dlq:0:1', 'letter.sent.v1.dlq:0:2', '--by', 'alice'])).toEqual({
      command: 'replay',
      at: [
        { topic: 'letter.sent.v1.dlq', partition: 0, offset: '1' },
        { topic: 'letter.sent.v1.dlq', partition: 0, offset: '2' },
      ],
      filter: { topics: [] },
      all: false,
      dryRun: false,
      by: 'alice',
    });
    expect(parseArgs(['replay', '--error', 'timeout', '--by', 'alice'])).toMatchObject({ at: [], all: false, filter: { error: 'timeout' } });
    expect(parseArgs(['replay', '--all', '--dry-run'])).toMatchObject({ all: true, dryRun: true });
    expect(() => parseArgs(['replay', '--by', 'alice'])).toThrow(/replay what/);
    expect(() => parseArgs(['replay', '--all', '--topic', 'letter.sent.v1', '--by', 'alice'])).toThrow(/not more than one/);
    expect(() => parseArgs(['replay', 'letter.sent.v1.dlq:0:1', '--all', '--by', 'alice'])).toThrow(/not more than one/);
  });

  it('refuses a replay without --by (a dry run needs none)', () => {
    expect(() => parseArgs(['replay', '--all'])).toThrow(/--by/);
    expect(() => parseArgs(['replay', '--all', '--by', '  '])).toThrow(/--by/);
    expect(() => parseArgs(['replay', '--all', '--by'])).toThrow(/needs a value/);
    expect(parseArgs(['replay', '--all', '--dry-run'])).not.toHaveProperty('by');
  });

  it('asks for help', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['list', '--help'])).toEqual({ command: 'help' });
  });

  it('names dead-letter topics from either name', () => {
    expect(deadLetterTopicNamed('letter.sent.v1')).toBe('letter.sent.v1.dlq');
    expect(deadLetterTopicNamed('letter.sent.v1.dlq')).toBe('letter.sent.v1.dlq');
    expect(() => deadLetterTopicNamed('letter.sent.v9')).toThrow(UsageError);
  });
});

describe('dlq filters', () => {
  it('selects by topic, time (since inclusive, until exclusive), reason text and consumer', () => {
    const l = letter();
    expect(matches(l, { topics: [] })).toBe(true);
    expect(matches(l, { topics: ['roster-import.completed.v1.dlq'] })).toBe(true);
    expect(matches(l, { topics: ['letter.sent.v1.dlq'] })).toBe(false);
    expect(matches(l, { topics: [], since: new Date('2025-03-04T10:00:00.000Z') })).toBe(true);
    expect(matches(l, { topics: [], since: new Date('2025-03-04T10:00:00.001Z') })).toBe(false);
    expect(matches(l, { topics: [], until: new Date('2025-03-04T10:00:00.000Z') })).toBe(false);
    expect(matches(l, { topics: [], until: new Date('2025-03-04T10:00:00.001Z') })).toBe(true);
    expect(matches(l, { topics: [], error: 'queryfailed' })).toBe(true);
    expect(matches(l, { topics: [], error: 'timeout' })).toBe(false);
    expect(matches(l, { topics: [], consumer: 'notification-service' })).toBe(true);
    expect(matches(l, { topics: [], consumer: 'upload-service' })).toBe(false);
    expect(matches(letter({}, { dlq_reason: '' }), { topics: [], error: 'x' })).toBe(false);
  });
});

describe('dlq output', () => {
  it('lists a dead letter on one line, without key or payload', () => {
    const line = formatListLine(letter({}, { dlq_reason: 'payload does not match\nroster-import.completed.v1:  caseNumber must match' }));
    expect(line).toBe(
      'roster-import.completed.v1.dlq:0:7  2025-03-04T10:00:00.000Z  source=roster-import.completed.v1:4:1234  consumer=notification-service  attempts=5  reason=payload does not match roster-import.completed.v1: caseNumber must match',
    );
    expect(line).not.toContain('SECRET PHI');
    expect(line).not.toContain('110000071');
  });

  it('counts per topic read, zeros included, and in all', () => {
    const letters = [letter(), letter({ offset: '8' }), letter({ topic: 'letter.sent.v1.dlq' })];
    expect(countByTopic(letters, ['roster-import.completed.v1.dlq', 'letter.sent.v1.dlq', 'roster.uploaded.v1.dlq'])).toEqual(
      new Map([
        ['roster-import.completed.v1.dlq', 2],
        ['letter.sent.v1.dlq', 1],
        ['roster.uploaded.v1.dlq', 0],
      ]),
    );
    const output = formatList(letters, ['roster-import.completed.v1.dlq', 'letter.sent.v1.dlq']);
    expect(output.slice(-3)).toEqual(['roster-import.completed.v1.dlq: 2', 'letter.sent.v1.dlq: 1', 'total: 3']);
    expect(output.join('\n')).not.toContain('SECRET PHI');
    expect(formatList([], ['letter.sent.v1.dlq'])).toEqual(['letter.sent.v1.dlq: 0', 'total: 0']);
  });

  it('shows headers, key and the payload as pretty JSON', () => {
    const shown = formatShow(letter()).join('\n');
    expect(shown).toContain('dead letter roster-import.completed.v1.dlq:0:7, dead-lettered 2025-03-04T10:00:00.000Z');
    expect(shown).toMatch(/ce_id\s+3f1c2b9a/);
    expect(shown).toMatch(/dlq_consumer\s+notification-service/);
    expect(shown).toContain('key: 110000071');
    expect(shown).toContain(JSON.stringify(PAYLOAD, null, 2));
    expect(formatShow(letter({ value: Buffer.from('not json{'), key: null })).slice(-1)).toEqual(['not json{']);
    expect(formatShow(letter({ key: null })).join('\n')).toContain('key: (null)');
  });

  it('decodes kafkajs headers (Buffers, repeated headers) to text', () => {
    expect(decodeHeaders({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('first'), Buffer.from('second')], d: undefined })).toEqual({ a: 'x', b: 'y', c: 'first' });
    expect(decodeHeaders(undefined)).toEqual({});
  });
});

describe('dlq replay message', () => {
  const at = new Date('2025-03-05T08:00:00.000Z');

  it('goes back to the source topic and partition with the same key, value and CloudEvents headers — the same ce_id', () => {
    const l = letter();
    const message = replayMessageOf(l, 'alice@example.org', at);
    expect(message.topic).toBe('roster-import.completed.v1');
    expect(message.partition).toBe(4);
    expect(message.key).toBe(l.key);
    expect(message.value).toBe(l.value);
    expect(message.headers).toEqual({
      ce_id: EVENT_ID,
      ce_type: 'roster-import.completed.v1',
      ce_source: '/rosterlink/import-service',
      ce_time: '2025-03-04T09:59:59.000Z',
      ce_specversion: '1.0',
      'content-type': 'application/json',
      dlq_replayed_by: 'alice@example.org',
      dlq_replayed_at: '2025-03-05T08:00:00.000Z',
      dlq_replayed_from: 'roster-import.completed.v1.dlq:0:7',
    });
  });

  it('drops the headers of an earlier dead-lettering and replay', () => {
    const again = letter({}, { dlq_replayed_by: 'bob', dlq_replayed_at: '2025-01-01T00:00:00.000Z', dlq_replayed_from: 'roster-import.completed.v1.dlq:0:1' });
    expect(replayMessageOf(again, 'alice', at).headers).toMatchObject({ dlq_replayed_by: 'alice', dlq_replayed_from: 'roster-import.completed.v1.dlq:0:7' });
  });

  it('leaves the partition to the key when the dead letter does not name one', () => {
    expect(replayMessageOf(letter({}, { dlq_source_partition: '' }), 'alice', at)).not.toHaveProperty('partition');
  });

  it('refuses what a consumer did not write, or would refuse again', () => {
    const noSource = letter();
    delete noSource.headers['dlq_source_topic'];
    expect(() => replayMessageOf(noSource, 'alice', at)).toThrow(/dlq_source_topic/);
    expect(() => replayMessageOf(letter({}, { dlq_source_topic: 'letter.sent.v1' }), 'alice', at)).toThrow(/not the topic of/);
    const noId = letter();
    delete noId.headers['ce_id'];
    expect(() => replayMessageOf(noId, 'alice', at)).toThrow(/ce_id/);
  });

  it('is audited as who, when, which dead letter, which event, to where — without the payload', () => {
    const l = letter();
    const record = auditRecordOf(l, replayMessageOf(l, 'alice', at), { partition: 4, offset: '1300' });
    expect(record).toEqual({
      at: '2025-03-05T08:00:00.000Z',
      by: 'alice',
      from: 'roster-import.completed.v1.dlq:0:7',
      eventId: EVENT_ID,
      type: 'roster-import.completed.v1',
      consumer: 'notification-service',
      reason: 'QueryFailedError: relation "x" does not exist',
      to: { topic: 'roster-import.completed.v1', partition: 4, offset: '1300' },
    });
    expect(JSON.stringify(record)).not.toContain('SECRET PHI');
  });

  it('warns when the event is near the age at which inboxes forget it', () => {
    const l = letter();
    expect(staleReplayWarning(l, new Date('2025-03-20T00:00:00.000Z'))).toBeUndefined();
    expect(staleReplayWarning(l, new Date('2025-04-02T00:00:00.000Z'))).toMatch(/28 days old; consumer groups forget handled event ids after 30 days/);
    // The event's own time counts when it is older than the dead-lettering.
    expect(staleReplayWarning(letter({}, { ce_time: '2025-02-01T00:00:00.000Z' }), new Date('2025-03-05T00:00:00.000Z'))).toMatch(/32 days old/);
    expect(staleReplayWarning(letter({}, { ce_time: 'garbage' }), new Date('2025-03-20T00:00:00.000Z'))).toBeUndefined();
  });

  it('is described by a dry run', () => {
    const l = letter();
    expect(formatDryRunLine(l, replayMessageOf(l, '(dry run)', at))).toBe(
      `would replay roster-import.completed.v1.dlq:0:7  -> roster-import.completed.v1:4  ce_id=${EVENT_ID}  consumer=notification-service`,
    );
  });
});
