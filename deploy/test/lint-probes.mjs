// Lints probe sources with the workspace's ESLint config, for module-boundaries.spec.ts. A script of its own
// because ESLint loads eslint.config.mjs with import(), which Jest's module registry refuses.
// Reads [{ filePath, code }] as JSON on stdin; writes [{ filePath, messages: [{ ruleId, messageId, message }] }]
// as JSON to the file named by its first argument. The probes are linted as text: no file is written.
import { readFileSync, writeFileSync } from 'node:fs';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';

const [outputFile] = process.argv.slice(2);
const probes = JSON.parse(readFileSync(0, 'utf8'));

// @nx/enforce-module-boundaries reads the cached project graph: refresh it so the tags are today's.
await createProjectGraphAsync({ exitOnError: true });

const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push({
    filePath,
    messages: result.messages.map(({ ruleId, messageId, message }) => ({ ruleId, messageId, message })),
  });
}
writeFileSync(outputFile, JSON.stringify(results));
