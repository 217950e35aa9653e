/**
 * The lint rules that keep the parts apart (eslint.config.js, `LAYERS`) and the type-aware ones
 * fail on what they are there to stop. Each case plants code in a real file of a part, linted
 * as that file (`lintText`, nothing written to the tree), through the project's own config.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

async function problems(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

/**
 * The import rule's messages for each planted import, keyed `part import`. One file's imports
 * are planted together, one a line, so the whole table takes one lint per part.
 */
async function importProblems(cases: [keyof typeof FILE, string][]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const part of new Set(cases.map(([p]) => p))) {
    const sources = cases.filter(([p]) => p === part).map(([, source]) => source);
    const [result] = await eslint.lintText(sources.map((source) => `import '${source}';\n`).join(''), { filePath: path.join(ROOT, FILE[part]) });
    sources.forEach((source, i) => {
      const messages = result!.messages.filter((m) => m.ruleId === RESTRICTED && m.line === i + 1).map((m) => m.message);
      found.set(`${part} ${source}`, messages);
    });
  }
  return found;
}

/** One real file per part: a planted import is linted as if that file held it. */
const FILE = {
  shared: 'shared/calls.ts',
  core: 'electron/store/calls.ts',
  main: 'electron/main/menu.ts',
  preload: 'electron/preload/api.ts',
  renderer: 'renderer/src/api.ts',
  bench: 'bench/stats.ts',
  tests: 'tests/helpers/temp.ts',
  scripts: 'scripts/check-node.js',
} as const;

/** [part, import, what the message must say is not allowed]. */
const FORBIDDEN: [keyof typeof FILE, string, string][] = [
  ['shared', '../electron/store/database', 'not the core'],
  ['shared', '../electron/main/ipc', 'not the shell'],
  ['shared', '../renderer/src/api', 'not renderer/'],
  ['shared', 'electron', 'not the electron package'],
  ['shared', 'node:fs', "not Node's built-in modules"],
  ['shared', 'path', "not Node's built-in modules"],
  ['shared', 'luxon', 'may import only these packages: zod.'],
  ['core', 'electron', 'not the electron package'],
  ['core', '../main/window', 'not the shell'],
  ['core', '../../electron/preload/api', 'not the shell'],
  ['core', '../../renderer/src/api', 'not renderer/'],
  ['core', '../../bench/stats', 'not bench/'],
  ['core', '../../tests/helpers/temp', 'not tests/'],
  ['core', '../../scripts/check-node.js', 'not scripts/'],
  ['core', 'vitest', 'may import only these packages: @faker-js/faker'],
  ['main', '../../renderer/src/api', 'not renderer/'],
  ['main', '../../bench/stats', 'not bench/'],
  ['main', '../../tests/helpers/temp', 'not tests/'],
  ['main', 'react', 'may import only these packages'],
  ['preload', '../../renderer/src/api', 'not renderer/'],
  ['renderer', '../../electron/ipc/dispatch', 'not the core'],
  ['renderer', '../../electron/main/ipc', 'not the shell'],
  ['renderer', 'electron', 'not the electron package'],
  ['renderer', 'node:path', "not Node's built-in modules"],
  ['renderer', '../../bench/stats', 'not bench/'],
  ['renderer', 'better-sqlite3', 'may import only these packages: react'],
  ['bench', '../electron/main/window', 'not the shell'],
  ['bench', '../renderer/src/api', 'not renderer/'],
  ['bench', '../tests/helpers/temp', 'not tests/'],
  ['bench', 'electron', 'not the electron package'],
  ['bench', 'vitest', 'may import only these packages'],
  ['tests', 'semver', 'may import only these packages'],
  ['scripts', '../shared/calls', 'not shared/'],
  ['scripts', '../electron/store/database', 'not the core'],
  ['scripts', 'zod', 'may import no npm package'],
];

/** What each part may import, so a rule that forbids too much fails too. */
const ALLOWED: [keyof typeof FILE, string][] = [
  ['shared', './vendors'],
  ['shared', 'zod'],
  ['core', './database'],
  ['core', '../../shared/calls'],
  ['core', 'node:fs'],
  ['core', 'better-sqlite3'],
  ['core', 'luxon'],
  ['main', '../app'],
  ['main', '../store/database'],
  ['main', '../../shared/ipc/channels'],
  ['main', './window'],
  ['main', 'electron'],
  ['main', 'node:path'],
  ['preload', 'electron'],
  ['preload', '../../shared/ipc/channels'],
  ['renderer', './lib/format'],
  ['renderer', '../../shared/ipc/contract'],
  ['renderer', 'react'],
  ['renderer', 'react-dom/client'],
  ['renderer', '@tanstack/react-table'],
  ['bench', './table'],
  ['bench', '../electron/store/database'],
  ['bench', '../shared/calls'],
  ['bench', 'node:os'],
  ['bench', 'better-sqlite3'],
  ['tests', '../../electron/main/window'],
  ['tests', '../../renderer/src/app/screens'],
  ['tests', '../../bench/stats'],
  ['tests', '../../scripts/check-node.js'],
  ['tests', 'electron'],
  ['tests', 'vitest'],
  ['tests', 'playwright-core'],
  ['scripts', 'node:fs'],
  ['scripts', './other.js'],
];

describe('the layer rules (an allow-list per part)', () => {
  let found: Map<string, string[]>;
  beforeAll(async () => {
    found = await importProblems([...FORBIDDEN.map(([part, source]): [keyof typeof FILE, string] => [part, source]), ...ALLOWED]);
  }, 120_000);

  it.each(FORBIDDEN)('%s may not import %s', (part, source, saying) => {
    const messages = found.get(`${part} ${source}`);
    expect(messages).toHaveLength(1);
    expect(messages![0]).toContain(saying);
  });

  it.each(ALLOWED)('%s may import %s', (part, source) => {
    expect(found.get(`${part} ${source}`)).toEqual([]);
  });

  it('forbids a type-only import across a rule as well', async () => {
    const found = await problems(FILE.renderer, "import type { Db } from '../../electron/store/db';\nexport type Database = Db;\n");
    expect(found.filter((p) => p.rule === RESTRICTED).map((p) => p.message)).toEqual([expect.stringContaining('not the core')]);
  });

  it('puts every source file in the tree in a part (or names it as root config)', async () => {
    const ROOT_CONFIG = ['electron.vite.config.ts', 'eslint.config.js', 'vitest.config.ts'];
    const outside: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      if (ROOT_CONFIG.includes(file)) continue;
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules?: Record<string, unknown> };
      if (!config.rules?.[RESTRICTED]) outside.push(file);
    }
    expect(outside).toEqual([]);
  });

  it('has no folder inside a part named after another part (the rules know a part by its folder name)', () => {
    const PART_NAMES = new Set(['shared', 'electron', 'main', 'preload', 'renderer', 'bench', 'tests', 'scripts']);
    const ROOTS = new Set(['shared', 'electron', 'electron/main', 'electron/preload', 'renderer', 'bench', 'tests', 'scripts']);
    const misnamed: string[] = [];
    // tests/ may import every part, so a name inside it cannot mislead a rule.
    for (const top of ['shared', 'electron', 'renderer', 'bench', 'scripts']) {
      for (const dir of folders(path.join(ROOT, top))) {
        const relative = path.relative(ROOT, dir).split(path.sep).join('/');
        if (PART_NAMES.has(path.basename(dir)) && !ROOTS.has(relative)) misnamed.push(relative);
      }
    }
    expect(misnamed).toEqual([]);
  });
});

describe('the type-aware rules', () => {
  it('fail on a promise nobody awaits, in the core and in the page', async () => {
    const code = 'async function later(): Promise<number> {\n  return 1;\n}\nlater();\n';
    for (const file of [FILE.core, 'renderer/src/App.tsx']) {
      expect((await problems(file, code)).map((p) => p.rule)).toEqual(['@typescript-eslint/no-floating-promises']);
    }
  });

  it('pass a promise awaited, or marked fire-and-forget with void', async () => {
    const code =
      'async function later(): Promise<number> {\n  return 1;\n}\nexport async function now(): Promise<void> {\n  await later();\n  void later();\n}\n';
    expect(await problems(FILE.core, code)).toEqual([]);
  });

  it('fail on a promise used as a condition or passed where nothing awaits it', async () => {
    const code = 'export function check(ready: Promise<boolean>, items: number[]): void {\n  if (ready) items.forEach(async () => undefined);\n}\n';
    expect((await problems(FILE.core, code)).map((p) => p.rule)).toEqual(['@typescript-eslint/no-misused-promises', '@typescript-eslint/no-misused-promises']);
  });

  it('fail on a switch over a union that misses a member, even with a default', async () => {
    const code =
      "type Kind = 'call' | 'sms' | 'email';\nexport function label(kind: Kind): string {\n  switch (kind) {\n    case 'call':\n      return 'Call';\n    case 'sms':\n      return 'SMS';\n    default:\n      return '?';\n  }\n}\n";
    const found = await problems(FILE.core, code);
    expect(found.map((p) => p.rule)).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
    expect(found[0]!.message).toContain('"email"');
  });
});

const SKIP = new Set(['node_modules', 'out', 'release', '.git', '.ci']);

function* sourceFiles(dir: string, prefix = ''): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* sourceFiles(path.join(dir, entry.name), relative);
    else if (/\.(?:[cm]?[jt]s|tsx)$/.test(entry.name)) yield relative;
  }
}

function* folders(dir: string): Generator<string> {
  yield dir;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIP.has(entry.name)) yield* folders(path.join(dir, entry.name));
  }
}
