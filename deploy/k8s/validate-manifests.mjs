/**
 * Validates rendered manifests against the Kubernetes API schemas (kubernetes-models), Strimzi's
 * (@kubernetes-models/strimzi-kafka-operator) and KEDA's (@kubernetes-models/keda), offline. An object whose
 * apiVersion/kind has no schema here is an error too.
 *   kubectl kustomize deploy/k8s/overlays/prod | node deploy/k8s/validate-manifests.mjs [--json]
 * A plain ES module run by node (not by Jest): the model packages are ES modules only.
 * deploy/test/k8s-manifests.spec.ts runs it with --json.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** apiVersion → the module whose exports are that version's kinds. */
const MODULES = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'kafka.strimzi.io/v1beta2': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
};

/** Each rendered object: { apiVersion, kind, name, errors } (errors empty when it is valid). */
export async function validateManifests(text) {
  const results = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      results.push({ apiVersion: '?', kind: '?', name: '?', errors: document.errors.map((e) => `YAML: ${e.message}`) });
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const { apiVersion, kind } = object;
    const name = object.metadata?.name ?? '?';
    const module = MODULES[apiVersion];
    const model = module ? (await import(module))[kind] : undefined;
    if (typeof model !== 'function' || typeof model.prototype?.validate !== 'function') {
      results.push({ apiVersion, kind, name, errors: [`no schema for ${apiVersion} ${kind}`] });
      continue;
    }
    try {
      new model(object).validate();
      results.push({ apiVersion, kind, name, errors: [] });
    } catch (error) {
      results.push({ apiVersion, kind, name, errors: [String(error?.message ?? error)] });
    }
  }
  return results;
}

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const text = readFileSync(file ?? 0, 'utf8');
  const results = await validateManifests(text);
  const invalid = results.filter((r) => r.errors.length > 0);
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(results));
  } else {
    for (const r of invalid) console.error(`${r.apiVersion} ${r.kind} ${r.name}: ${r.errors.join('; ')}`);
    console.log(`${results.length - invalid.length} of ${results.length} objects valid`);
  }
  process.exitCode = invalid.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
