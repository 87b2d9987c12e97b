import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The module boundaries of eslint.config.mjs (STYLE.md points 4 and 14) refuse what they say they refuse.
 * Each probe is one import placed in a project; it is linted twice as text at that path (nothing is written to the
 * checkout): with the refused import, the named rule must report it; with a legal import in the same place, ESLint
 * must report nothing. ESLint runs in a child process (lint-probes.mjs), once for every probe.
 */
const ROOT = resolve(__dirname, '../..');

type Rule =
  | {
      ruleId: '@nx/enforce-module-boundaries';
      messageId: 'bannedExternalImportsViolation' | 'onlyTagsConstraintViolation' | 'noRelativeOrAbsoluteImportsAcrossLibraries' | 'noCircularDependencies';
    }
  | { ruleId: 'no-restricted-imports'; messageId: 'pathWithCustomMessage' | 'patternWithCustomMessage' };

interface Probe {
  proves: string;
  /** Where the probe sits, from the workspace root. */
  file: string;
  refused: string;
  by: Rule;
  /** A legal import at the same place. */
  allowed: string;
}

const banned = { ruleId: '@nx/enforce-module-boundaries', messageId: 'bannedExternalImportsViolation' } as const;
const notTagged = { ruleId: '@nx/enforce-module-boundaries', messageId: 'onlyTagsConstraintViolation' } as const;
const cycle = { ruleId: '@nx/enforce-module-boundaries', messageId: 'noCircularDependencies' } as const;
const acrossProjects = { ruleId: '@nx/enforce-module-boundaries', messageId: 'noRelativeOrAbsoluteImportsAcrossLibraries' } as const;
const nodeEntry = { ruleId: 'no-restricted-imports', messageId: 'pathWithCustomMessage' } as const;
const otherLibrary = { ruleId: 'no-restricted-imports', messageId: 'patternWithCustomMessage' } as const;

const PROBES: Probe[] = [
  // type:domain — contracts and domain only, no framework.
  { proves: 'domain code imports no Nest', file: 'libs/roster/src/__probe__.ts', refused: '@nestjs/common', by: banned, allowed: '@rosterlink/contracts/browser' },
  // The roster template's rules are bundled by the portal: the contracts' browser entry only.
  { proves: "the roster rules import the contracts' browser entry, not the Node entry", file: 'libs/roster/src/__probe__.ts', refused: '@rosterlink/contracts', by: nodeEntry, allowed: '@rosterlink/contracts/browser' },
  { proves: 'domain code imports no TypeORM', file: 'libs/business-calendar/src/__probe__.ts', refused: 'typeorm', by: banned, allowed: '@rosterlink/roster' },
  { proves: 'domain code imports no infrastructure library', file: 'libs/business-calendar/src/__probe__.ts', refused: '@rosterlink/messaging', by: notTagged, allowed: '@rosterlink/roster' },
  // type:contracts — contracts only; class-validator stays allowed for the payload classes.
  // (Every library imports the contracts, so the contracts importing one is refused as a cycle before its tags count.)
  { proves: 'contracts import no other library', file: 'libs/contracts/src/__probe__.ts', refused: '@rosterlink/messaging', by: cycle, allowed: 'class-validator' },
  { proves: 'contracts import no Kafka client', file: 'libs/contracts/src/__probe__.ts', refused: 'kafkajs', by: banned, allowed: 'class-transformer' },
  // type:util — plain utilities.
  { proves: 'utilities import no Nest', file: 'libs/letters/src/__probe__.ts', refused: '@nestjs/common', by: banned, allowed: 'pdfkit' },
  { proves: 'utilities import no infrastructure library', file: 'libs/roster-file/src/__probe__.ts', refused: '@rosterlink/messaging', by: notTagged, allowed: '@rosterlink/roster' },
  // type:infra and type:feature. (The feature library's spec uses the testing library, which builds on the
  // infrastructure libraries: infrastructure importing a feature library is refused as a cycle first.)
  { proves: 'infrastructure imports no feature library', file: 'libs/auth/src/__probe__.ts', refused: '@rosterlink/provider-master', by: cycle, allowed: '@nestjs/common' },
  { proves: 'a feature library uses the testing library in tests only', file: 'libs/provider-master/src/__probe__.ts', refused: '@rosterlink/testing', by: notTagged, allowed: '@rosterlink/messaging' },
  // type:app — libraries only; the testing library in tests only.
  { proves: 'a service uses the testing library in tests only', file: 'services/upload-service/src/__probe__.ts', refused: '@rosterlink/testing', by: notTagged, allowed: '@rosterlink/provider-master' },
  { proves: 'a service imports no other service', file: 'services/upload-service/src/__probe__.ts', refused: '../../import-service/src/app.module', by: acrossProjects, allowed: './app.module' },
  // type:deploy — contracts, util, infra, testing.
  { proves: 'deploy scripts import no feature library', file: 'deploy/local/__probe__.ts', refused: '@rosterlink/provider-master', by: notTagged, allowed: '@rosterlink/messaging' },
  // Tests: their project's rule plus type:testing, not anything.
  { proves: 'a service spec imports no other service', file: 'services/upload-service/src/__probe__.spec.ts', refused: '../../import-service/src/app.module', by: acrossProjects, allowed: '@rosterlink/testing' },
  // (The testing library builds on the domain libraries, so a domain spec importing it would be a cycle.)
  { proves: 'a domain spec imports no Nest', file: 'libs/roster/src/__probe__.spec.ts', refused: '@nestjs/testing', by: banned, allowed: '@rosterlink/contracts/browser' },
  { proves: 'a domain spec imports no infrastructure library', file: 'libs/business-calendar/src/__probe__.spec.ts', refused: '@rosterlink/messaging', by: notTagged, allowed: '@rosterlink/roster' },
  { proves: "a utility's spec may use the testing library, but not Nest", file: 'libs/letters/src/__probe__.spec.ts', refused: '@nestjs/testing', by: banned, allowed: '@rosterlink/testing' },
  // The dashboard's browser app: the contracts' browser entry only.
  { proves: "the dashboard app imports the contracts' browser entry, not the Node entry", file: 'services/ops-dashboard/web/src/__probe__.tsx', refused: '@rosterlink/contracts', by: nodeEntry, allowed: '@rosterlink/contracts/browser' },
  { proves: "the dashboard app's tests import the browser entry too", file: 'services/ops-dashboard/web/src/__probe__.spec.tsx', refused: '@rosterlink/contracts', by: nodeEntry, allowed: '@rosterlink/contracts/browser' },
  { proves: 'the dashboard app imports no other library', file: 'services/ops-dashboard/web/src/logic/__probe__.ts', refused: '@rosterlink/auth', by: otherLibrary, allowed: '@rosterlink/contracts/browser' },
  { proves: 'module boundaries cover .tsx files', file: 'services/ops-dashboard/web/src/__probe__.tsx', refused: '../../../upload-service/src/app.module', by: acrossProjects, allowed: './live' },
  // The portal's browser app: the same rule as the dashboard's; both may use the ui library.
  { proves: "the portal app imports the contracts' browser entry, not the Node entry", file: 'services/provider-portal/web/src/__probe__.tsx', refused: '@rosterlink/contracts', by: nodeEntry, allowed: '@rosterlink/ui' },
  { proves: 'the portal app imports no server library', file: 'services/provider-portal/web/src/logic/__probe__.ts', refused: '@rosterlink/web-server', by: otherLibrary, allowed: '@rosterlink/contracts/browser' },
  // type:ui — browser code: the contracts' browser entry and React; used by the apps' web code only.
  { proves: 'the ui library imports no server library', file: 'libs/ui/src/__probe__.tsx', refused: '@rosterlink/auth', by: otherLibrary, allowed: '@rosterlink/contracts/browser' },
  { proves: 'the ui library imports no validation', file: 'libs/ui/src/__probe__.ts', refused: 'class-validator', by: banned, allowed: 'react' },
  { proves: 'the ui library imports no Nest', file: 'libs/ui/src/__probe__.tsx', refused: '@nestjs/common', by: banned, allowed: '@tanstack/react-query' },
  { proves: 'no other library uses the ui library', file: 'libs/roster-file/src/__probe__.ts', refused: '@rosterlink/ui', by: notTagged, allowed: '@rosterlink/contracts' },
  { proves: 'deploy scripts do not use the ui library', file: 'deploy/local/__probe__.ts', refused: '@rosterlink/ui', by: notTagged, allowed: '@rosterlink/web-server' },
  { proves: "a web app's server does not use the ui library", file: 'services/provider-portal/src/__probe__.ts', refused: '@rosterlink/ui', by: nodeEntry, allowed: '@rosterlink/web-server' },
];

interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  message: string;
}

const source = (specifier: string) => `import * as probe from '${specifier}';\n\nexport default probe;\n`;

let linted: Map<string, LintMessage[]>;

beforeAll(() => {
  const texts = PROBES.flatMap((probe) => [probe.refused, probe.allowed].map((specifier) => ({ filePath: probe.file, code: source(specifier) })));
  const dir = mkdtempSync(join(tmpdir(), 'module-boundaries-'));
  try {
    const output = join(dir, 'results.json');
    execFileSync(process.execPath, [join(__dirname, 'lint-probes.mjs'), output], {
      cwd: ROOT,
      input: JSON.stringify(texts),
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    const results: { filePath: string; messages: LintMessage[] }[] = JSON.parse(readFileSync(output, 'utf8'));
    linted = new Map(results.map((result, i) => [`${texts[i].filePath} ${texts[i].code}`, result.messages]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

const messagesFor = (file: string, specifier: string) => linted.get(`${file} ${source(specifier)}`) ?? [];

describe('module boundaries (eslint.config.mjs)', () => {
  it.each(PROBES)('$proves: $file may not import $refused', ({ file, refused, by }) => {
    const reported = messagesFor(file, refused).map(({ ruleId, messageId }) => ({ ruleId, messageId }));
    expect(reported).toContainEqual(by);
  });

  it.each(PROBES)('$proves: $file may import $allowed', ({ file, allowed }) => {
    expect(messagesFor(file, allowed)).toEqual([]);
  });
});
