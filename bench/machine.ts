import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';

/** What the numbers were measured on: they mean little without it. */
export function describeMachine(): string {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version() AS v').pluck().get() as string;
  db.close();
  return [
    `CPU: ${model}, ${os.cpus().length} cores available`,
    `RAM: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `Node ${process.version}, SQLite ${sqlite} (better-sqlite3)`,
  ].join('\n');
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
