/**
 * No import cycles in the app's code, type-only imports included: a cycle means neither module
 * can be read (or changed) without the other, and at run time whichever loads second sees the
 * first half-initialised. Imports are found and resolved by the TypeScript compiler itself, with
 * the project's own compiler options, so `import type`, `export … from` and `import()` all count.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['electron', 'shared', 'renderer/src'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.web.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.web.json could not be read');
  return config.options;
}

/** Each scanned file and the scanned files it imports, as paths from the project root. */
function importGraph(): Map<string, string[]> {
  const options = compilerOptions();
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((target): target is string => target !== undefined && known.has(target));
    graph.set(rel(file), [...new Set(targets.map(rel))].sort());
  }
  return graph;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** Every cycle's strongly connected set of files (Tarjan), each as one loop through it: a → b → … → a. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length > 1 || graph.get(node)?.includes(node)) found.push(loopThrough(graph, new Set(members)));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The shortest loop from the set's first file back to itself, staying inside the set. */
function loopThrough(graph: Map<string, string[]>, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

describe('import cycles', () => {
  it('finds a planted cycle and a file that imports itself, each as one loop', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts', 'd.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['d.ts', 'd.ts'],
    ]);
  });

  it('reads every kind of import the compiler resolves', () => {
    const graph = importGraph();
    // dispatch.ts imports result.ts for a type only (`import type`), channels.ts for a value and a type.
    expect(graph.get('electron/ipc/dispatch.ts')).toEqual(expect.arrayContaining(['shared/ipc/channels.ts', 'shared/ipc/contract.ts', 'shared/ipc/result.ts']));
    expect(graph.get('renderer/src/main.tsx')).toEqual(expect.arrayContaining(['renderer/src/App.tsx']));
  });

  it('has none over electron/, shared/ and renderer/src/', () => {
    expect(cyclesOf(importGraph()).map((loop) => loop.join(' → '))).toEqual([]);
  });
});
