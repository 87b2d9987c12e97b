/**
 * Search for Provider on 1,000,000 individuals against the real PostgreSQL: exact NPI, exact
 * Provider ID, partial name and misspelled name, 200 searches each through ProviderSearchRepository (the
 * endpoint's SQL, without HTTP). Records p50/p95 per kind (goal p95 ≤ 50 ms) against the floor of
 * a plain indexed lookup by NPI timed the same way, and prints the plan of a first name with a
 * misspelled last name. Uses its own database (created and dropped), migrated by the service itself; needs
 * no Kafka. No assertions.
 *   node -r @swc-node/register services/link-request-service/bench/provider-search.bench.ts
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@rosterlink/platform';
import { mulberry32, percentile, recordBench } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import {
  ProviderSearchCriteria,
  ProviderSearchRepository,
  providerSearchSql,
  WORD_SIMILARITY_THRESHOLD,
} from '../src/provider-directory/provider-search.repository';

const PROVIDERS = Number(process.env['BENCH_PROVIDERS'] ?? 1_000_000);
const SEARCHES = Number(process.env['BENCH_SEARCHES'] ?? 200);
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_KEEP=1 leaves the database for a look at plans with psql. */
const KEEP = process.env['BENCH_KEEP'] === '1';
const PAGE = { limit: 50, offset: 0 };

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

const FIRST_NAMES = [
  'Ana', 'José', 'María', 'Luis', 'Sofía', 'Mateus', 'João', 'Beatriz', 'Linh', 'Minh', 'Thảo', 'Huy', 'Wei', 'Mei',
  'Priya', 'Arjun', 'Fatima', 'Omar', 'Chloé', 'François', 'Zoë', 'Renée', 'André', 'Siobhan', 'Declan', 'Patrick',
  'Michael', 'Jennifer', 'David', 'Sarah', 'James', 'Emily', 'Robert', 'Jessica', 'William', 'Ashley', 'Daniel',
  'Lauren', 'Matthew', 'Rachel', 'Nkechi', 'Kwame', 'Dmitri', 'Olga', 'Giulia', 'Marco', 'Sung-min', 'Hiroshi',
  'Noa', 'Hannah', 'Samuel', 'Grace', 'Ethan', 'Olivia', 'Benjamin', 'Isabel', 'Tomás', 'Inês', 'Björn', 'Łucja',
];
/** A third of the providers carry one of these common surnames (so "Ngu…" and "Silv…" match thousands)… */
const COMMON_LAST_NAMES = [
  'Nguyen', 'Nguyen-Tran', 'Tran', 'Lê', 'Silva', 'da Silva', 'Souza', 'Santos', 'Gonçalves', 'García', 'Rodríguez',
  'Martínez', 'Hernández', 'López', 'Peña', 'Murphy', "O'Brien", 'Sullivan', 'Fitzgerald', 'Smith', 'Johnson',
  'Johnston', 'Williams', 'Brown', 'Chen', 'Wang', 'Li', 'Zhang', 'Patel', 'Shah', 'Singh', 'Kim', 'Park', 'Lee',
  'Okafor', 'Adeyemi', 'Haddad', 'Côté', 'Gagnon', 'Rossi', 'Kowalski', 'Cohen', 'Goldberg', 'St. John', 'Jean-Baptiste',
];
/** …the others a surname built from syllables: about 70,000 distinct ones, a long tail like a real directory. */
const HEADS = ['Ab', 'Bar', 'Bel', 'Cal', 'Dor', 'El', 'Fer', 'Gal', 'Har', 'Is', 'Jor', 'Kal', 'Lan', 'Mar', 'Nor',
  'Or', 'Pel', 'Quin', 'Ros', 'Sal', 'Tor', 'Ul', 'Val', 'Wes', 'Yar', 'Zel', 'Brun', 'Cres', 'Dal', 'Fitz'];
const MIDDLES = ['a', 'e', 'i', 'o', 'u', 'an', 'en', 'in', 'on', 'ar', 'er', 'ir', 'or', 'el', 'il', 'ol', 'am', 'em',
  'as', 'es', 'ov', 'ev', 'ad', 'ed', 'ag', 'eg', 'ab', 'eb', 'at', 'et'];
const TAILS = ['son', 'ton', 'ley', 'man', 'berg', 'stein', 'ski', 'ova', 'ez', 'es', 'ini', 'elli', 'ard', 'ault',
  'ier', 'wood', 'field', 'ford', 'well', 'more', 'ham', 'by', 'dottir', 'sen', 'sson', 'ovic', 'escu', 'ian', 'yan', 'ak',
  'ek', 'ik', 'os', 'is', 'as', 'er', 'ner', 'ler', 'ter', 'ker', 'mann', 'horn', 'bach', 'dorf', 'burg', 'land', 'quist',
  'lund', 'strom', 'gren', 'vall', 'ridge', 'brook', 'worth', 'cott', 'hurst', 'combe', 'den', 'ling', 'ing', 'ow', 'ay',
  'ey', 'io', 'ia', 'ita', 'etto', 'ucci', 'aro', 'ero'];
const PROVIDER_TYPES = [
  ...Array(30).fill('PHYSICIAN'), ...Array(15).fill('NURSE_PRACTITIONER'), ...Array(8).fill('PHYSICIAN_ASSISTANT'),
  ...Array(5).fill('PSYCHOLOGIST'), ...Array(6).fill('CLINICAL_SOCIAL_WORKER'), ...Array(5).fill('MENTAL_HEALTH_COUNSELOR'),
  ...Array(4).fill('PHYSICAL_THERAPIST'), 'NURSE_MIDWIFE', 'PODIATRIST', 'OPTOMETRIST', 'CHIROPRACTOR', 'DIETITIAN',
  'OCCUPATIONAL_THERAPIST', 'SPEECH_LANGUAGE_PATHOLOGIST', 'AUDIOLOGIST', 'COMMUNITY_HEALTH_WORKER',
  ...Array(4).fill('LTSS'), ...Array(4).fill('DENTAL'), ...Array(3).fill('ORP'),
];

/** One INSERT … SELECT: names picked by hashes of the row number, so every run loads the same directory. */
async function loadProviders(db: DataSource): Promise<void> {
  const pick = (array: string, salt: number) => `${array}[1 + abs(hashint4(i + ${salt})) % array_length(${array}, 1)]`;
  await db.query(`
    INSERT INTO link_request.providers (pid, npi, first_name, last_name, provider_type, credentialed, updated_at)
    SELECT (300000000 + i)::text, '1' || lpad(i::text, 9, '0'), ${pick('f', 0)},
           CASE WHEN abs(hashint4(i + 1)) % 3 = 0 THEN ${pick('c', 2)}
                ELSE ${pick('h', 3)} || ${pick('m', 4)} || ${pick('t', 5)} END,
           ${pick('pt', 6)}, abs(hashint4(i + 7)) % 3 = 0, now()
    FROM generate_series(1, ${PROVIDERS}) AS i,
         (SELECT ${sqlArray(FIRST_NAMES)} AS f, ${sqlArray(COMMON_LAST_NAMES)} AS c, ${sqlArray(HEADS)} AS h,
                 ${sqlArray(MIDDLES)} AS m, ${sqlArray(TAILS)} AS t, ${sqlArray(PROVIDER_TYPES)} AS pt) AS names`);
}

interface Sample {
  npi: string;
  first_name: string;
  last_name: string;
}

/** The last name with one interior letter replaced by its alphabet neighbour: a one-letter typo. */
function misspell(name: string, random: () => number): string {
  const letters = [...name];
  const at = 1 + Math.floor(random() * (letters.length - 2));
  const c = letters[at].toLowerCase();
  letters[at] = c >= 'a' && c < 'z' ? String.fromCharCode(c.charCodeAt(0) + 1) : 'x';
  return letters.join('');
}

async function timed(search: ProviderSearchRepository, criteria: ProviderSearchCriteria[]): Promise<{ ms: number[]; results: Awaited<ReturnType<ProviderSearchRepository['search']>>[] }> {
  const ms: number[] = [];
  const results = [];
  for (const c of criteria) {
    const started = process.hrtime.bigint();
    results.push(await search.search(c, PAGE));
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms, results };
}

/** The floor: the same number of plain indexed lookups by NPI, one at a time through the same pool. */
async function timedLookups(db: DataSource, npis: string[]): Promise<number[]> {
  const ms: number[] = [];
  for (const npi of npis) {
    const started = process.hrtime.bigint();
    await db.query('SELECT pid, npi, first_name, last_name, provider_type FROM link_request.providers WHERE npi = $1', [npi]);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return ms;
}

/** The plan of one search with similar names, as PostgreSQL runs it: node types and the index names it reads. */
async function explain(db: DataSource, criteria: ProviderSearchCriteria): Promise<{ indexes: string[]; nodes: string[]; ms: number }> {
  const { items } = providerSearchSql(criteria, PAGE, true);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(WORD_SIMILARITY_THRESHOLD)]);
    const [{ 'QUERY PLAN': [plan] }] = await tx.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${items.sql}`, items.params);
    const indexes = new Set<string>();
    const nodes: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(String(node['Node Type']));
      if (node['Index Name']) indexes.add(String(node['Index Name']));
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan['Plan']);
    return { indexes: [...indexes], nodes, ms: plan['Execution Time'] };
  });
}

async function main(): Promise<void> {
  const database = `rosterlink_bench_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const app = await createServiceApp(LINK_REQUEST_SERVICE, {
      DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`),
      LOG_LEVEL: 'error',
      // Kafka is not used: the consumer keeps trying in the background while the searches run.
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    const db = app.get(DataSource);
    const search = app.get(ProviderSearchRepository);

    let started = Date.now();
    await loadProviders(db);
    const loadSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    // What autovacuum does to a freshly loaded table: statistics, and the visibility map that lets
    // the name indexes answer counts without reading the table.
    await db.query('VACUUM ANALYZE link_request.providers');
    await db.query('VACUUM ANALYZE link_request.provider_names');
    const [sizes] = await db.query(
      `SELECT pg_size_pretty(pg_table_size('link_request.providers')) AS heap,
              pg_size_pretty(pg_relation_size('link_request.providers_search_name_trgm_idx')) AS trigram_index,
              (SELECT count(DISTINCT last_name) FROM link_request.providers)::int AS last_names`,
    );
    console.log(
      `provider search: ${PROVIDERS} providers (${sizes.last_names} distinct last names) loaded in ${loadSeconds.toFixed(1)} s, ` +
        `VACUUM ANALYZE ${((Date.now() - started) / 1000).toFixed(1)} s; table ${sizes.heap}, trigram index ${sizes.trigram_index}`,
    );

    const random = mulberry32(20261124);
    const pids = Array.from({ length: SEARCHES * 3 }, () => String(300000001 + Math.floor(random() * PROVIDERS)));
    const samples: Sample[] = await db.query(
      'SELECT npi, first_name, last_name FROM link_request.providers WHERE pid = ANY($1) ORDER BY pid',
      [pids],
    );
    const longNames = samples.filter((s) => [...s.last_name].length >= 5);
    const kinds: Record<string, { criteria: ProviderSearchCriteria[]; expected?: string[] }> = {
      'exact NPI': { criteria: samples.slice(0, SEARCHES).map((s) => ({ npi: s.npi })) },
      'exact Provider ID': { criteria: pids.slice(SEARCHES, 2 * SEARCHES).map((providerId) => ({ providerId })) },
      'partial name': { criteria: samples.slice(0, SEARCHES).map((s) => ({ name: [...s.last_name].slice(0, 4).join('') })) },
      'misspelled name': {
        criteria: longNames.slice(0, SEARCHES).map((s) => ({ name: misspell(s.last_name, random) })),
        expected: longNames.slice(0, SEARCHES).map((s) => s.last_name),
      },
    };

    await timed(search, Object.values(kinds).flatMap((k) => k.criteria.slice(0, 10))); // warm-up
    await timedLookups(db, samples.slice(0, 10).map((s) => s.npi));
    const floorMs = await timedLookups(db, samples.slice(0, SEARCHES).map((s) => s.npi));
    const floorOf = (p: number) => ({ label: `SELECT … WHERE npi = $1 p${p}`, value: percentile(floorMs, p) });
    console.log(`  floor: indexed lookup by NPI, ${floorMs.length} lookups: p50 ${floorOf(50).value.toFixed(2)} ms, p95 ${floorOf(95).value.toFixed(2)} ms`);
    for (const [kind, { criteria, expected }] of Object.entries(kinds)) {
      const { ms, results } = await timed(search, criteria);
      const meanTotal = results.reduce((sum, r) => sum + r.total, 0) / results.length;
      const found = expected ? results.filter((r, i) => r.items.some((item) => item.lastName === expected[i])).length : undefined;
      console.log(
        `  ${kind.padEnd(16)} ${criteria.length} searches: p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, ` +
          `mean matches ${Math.round(meanTotal)}` +
          (found === undefined ? '' : `, intended surname on page 1 in ${found}/${criteria.length}`) +
          ` (e.g. ${JSON.stringify(criteria[0])})`,
      );
      const measure = `${PROVIDERS.toLocaleString('en-US')} providers: ${kind}`;
      const note = found === undefined ? undefined : `intended surname on page 1 in ${found}/${criteria.length}`;
      recordBench({ section: 'provider search', measure: `${measure} p50`, value: percentile(ms, 50), unit: 'ms', floor: floorOf(50), note });
      recordBench({
        section: 'provider search',
        measure: `${measure} p95`,
        value: percentile(ms, 95),
        unit: 'ms',
        floor: floorOf(95),
        goal: { op: '<=', value: 50, of: 'value' },
        note,
      });
    }

    // One-word names are paged from the name indexes (namePartPageSql); a first and a misspelled
    // last name go through providerSearchSql and the full name's trigram index, explained here.
    const misspelled = { name: `${longNames[0].first_name} ${kinds['misspelled name'].criteria[0].name}` };
    const plan = await explain(db, misspelled);
    console.log(
      `  EXPLAIN first and misspelled last name ${JSON.stringify(misspelled)}: indexes [${plan.indexes.join(', ')}]; ` +
        `${plan.nodes.join(' > ')}; ${plan.ms.toFixed(1)} ms`,
    );
    await app.close();
  } finally {
    if (KEEP) console.log(`  kept database ${database}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
