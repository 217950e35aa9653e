/**
 * A newcomer on an old Node is stopped with a plain message instead of a
 * half-installed project or a crash mid-test. Runs the real npm and the real
 * script under the machine's older Node (Debian's /usr/bin/node) when there is
 * one, in a scratch copy of the project's install files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OLD_NODE = '/usr/bin/node';

function majorOf(node: string): number | null {
  if (!fs.existsSync(node)) return null;
  const result = spawnSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

const oldMajor = majorOf(OLD_NODE);
const haveOldNode = oldMajor !== null && oldMajor < 22;

/** The environment without what an outer `npm test` exports (npm_config_*), Node `node` first on PATH. */
function envWithNodeFrom(binDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return { ...env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
}

/** package.json, its lock, .npmrc and scripts/: all `npm ci` reads before installing. */
function scratchProject(): string {
  const dir = tempDir();
  for (const name of ['package.json', 'package-lock.json', '.npmrc']) fs.copyFileSync(path.join(ROOT, name), path.join(dir, name));
  fs.cpSync(path.join(ROOT, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
  return dir;
}

const NEEDS =
  /^Talktally needs Node 22 \(22\.13 or newer\) or Node 24 or newer; this is Node \d+\.\d+\.\d+ \(.+\)\.\nInstall Node 22 LTS or newer from https:\/\/nodejs\.org/;

describe('the Node version check', () => {
  it('passes silently on the Node running the tests', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-node.js')], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout }).toEqual({ status: 0, stderr: '', stdout: '' });
  });

  it.skipIf(!haveOldNode)(`stops on an older Node (${OLD_NODE}) saying what is needed and how to get it`, () => {
    const result = spawnSync(OLD_NODE, [path.join(ROOT, 'scripts/check-node.js')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(NEEDS);
    expect(result.stderr).toContain(`this is Node ${oldMajor}.`);
  });

  it.skipIf(!haveOldNode)('makes `npm ci` on an older Node stop at once: nothing installed, npm names the Node required', () => {
    const dir = scratchProject();
    const result = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      env: envWithNodeFrom(path.dirname(OLD_NODE)),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm error code EBADENGINE');
    expect(result.stderr).toContain('npm error notsup Required: {"node":"^22.13.0 || >=24"}');
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });

  it.skipIf(!haveOldNode)('makes `npm test` on an older Node stop with the same words before building or testing anything', () => {
    const dir = scratchProject();
    const result = spawnSync('npm', ['test'], { cwd: dir, encoding: 'utf8', env: envWithNodeFrom(path.dirname(OLD_NODE)) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(NEEDS);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it("lets `npm ci` through on the Node running the tests, every dependency's own engines included (engine-strict)", () => {
    const dir = scratchProject();
    const result = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: dir,
      encoding: 'utf8',
      env: envWithNodeFrom(path.dirname(process.execPath)),
    });
    expect(result.stderr).not.toMatch(/EBADENGINE/);
    expect(result.status).toBe(0);
  }, 120_000);
});
