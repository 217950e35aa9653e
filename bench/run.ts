import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/store/database';
import { exportChild, benchExport, type ExportInput } from './export';
import { benchIngest, simulatorChild, type SimulatorInput } from './ingest';
import { describeMachine } from './machine';
import { benchRequests } from './requests';
import { benchResponsiveness, responsivenessChild, type ResponsivenessInput } from './responsiveness';
import { benchSearch } from './search';
import { CACHE_DIR, STORE_NOW_MS, cachedStore } from './search-store';
import { benchSize } from './size';
import { benchTrackers } from './trackers';
import { benchActivity } from './activity';
import { count, seconds } from './stats';
import { renderNotes, renderTable, type BenchResult } from './table';

/**
 * `npm run bench` (full) and `npm run bench -- --quick` (under two minutes):
 * every figure side by side in one run, printed as one table with its target.
 * A benchmark never fails: it reports. The full run writes bench/RESULTS.md.
 */
const USAGE = 'Usage: npm run bench -- [--quick] [--only ingest,search,activity,export,requests,responsiveness]';
const SECTIONS = ['ingest', 'search', 'activity', 'export', 'requests', 'responsiveness'] as const;
type Section = (typeof SECTIONS)[number];

const CHILDREN: Record<string, (input: never) => Promise<void>> = {
  simulator: (input: SimulatorInput) => simulatorChild(input),
  export: (input: ExportInput) => exportChild(input),
  responsiveness: (input: ResponsivenessInput) => responsivenessChild(input),
};

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const child = CHILDREN[argv[1] ?? ''];
    if (!child) throw new Error(`unknown bench child "${argv[1]}"`);
    return child(JSON.parse(argv[2] ?? '{}') as never);
  }
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return console.log(USAGE);
  const quick = values.quick;
  const only = (values.only?.split(',') ?? SECTIONS) as Section[];
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}. ${USAGE}`);

  const started = performance.now();
  const workDir = path.join(CACHE_DIR, 'work');
  fs.mkdirSync(workDir, { recursive: true });
  const store = quick ? { calls: 100_000, transcripts: 25_000 } : { calls: 1_000_000, transcripts: 250_000 };
  const storeLabel = `${count(store.calls / 1000)}k calls`;
  const results: BenchResult[] = [];

  if (only.includes('ingest')) {
    const ingest = await benchIngest({ quick, workDir, log });
    results.push(...ingest.results);
    results.push(benchSize(ingest.dbFile, 'synced from the simulator', 'Real vendor records (raw JSON kept), utterances, both search indexes.'));
  }
  if (only.includes('search') || only.includes('activity') || only.includes('export')) {
    const { file, builtInMs } = cachedStore(store, log);
    if (builtInMs !== null) log(`store built in ${seconds(builtInMs)}`);
    if (only.includes('search')) {
      log(`search: ${storeLabel}…`);
      const db = openDatabase(file);
      results.push(...(await benchSearch(db, { label: storeLabel, nowMs: STORE_NOW_MS })));
      db.close();
      results.push(benchSize(file, 'generated', 'Generated calls written through the store (bench/store-data.ts).'));
    }
    if (only.includes('activity')) {
      log(`trackers and activity: ${storeLabel}…`);
      const db = openDatabase(file);
      results.push(
        ...(await benchTrackers(db, {
          label: storeLabel,
          nowMs: STORE_NOW_MS,
          whileSaved: () => benchActivity(db, { label: storeLabel, nowMs: STORE_NOW_MS }),
        })),
      );
      db.close();
    }
    if (only.includes('export')) {
      const sizes = quick ? { compare: 20_000, small: 20_000, large: 100_000 } : { compare: 100_000, small: 100_000, large: 1_000_000 };
      results.push(...(await benchExport({ dbFile: file, sizes, workDir, log })));
    }
  }
  if (only.includes('requests')) results.push(...(await benchRequests({ callsPerVendor: quick ? 2_000 : 10_000, workDir, log })));
  if (only.includes('responsiveness')) results.push(...(await benchResponsiveness({ quick, workDir, log })));

  const took = performance.now() - started;
  const machine = describeMachine();
  const mode = quick ? 'npm run bench -- --quick (smaller sizes, said in each line)' : 'npm run bench';
  const report = [
    `# Benchmark results`,
    '',
    `\`${mode}\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds(took)} in all.`,
    '',
    '```',
    machine,
    '```',
    '',
    renderTable(results),
    '',
    '## Notes',
    '',
    renderNotes(results),
    '',
  ].join('\n');
  console.log(`\n${renderTable(results)}\n\n${renderNotes(results)}\n\n${machine}\nTook ${seconds(took)}.`);
  const out =
    !quick && only.length === SECTIONS.length ? path.resolve('bench/RESULTS.md') : path.join(CACHE_DIR, quick ? 'RESULTS-quick.md' : 'RESULTS-partial.md');
  fs.writeFileSync(out, report);
  log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
