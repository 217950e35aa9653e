import fs from 'node:fs';
import path from 'node:path';

/**
 * Shapes a secret could take in an error's text: the vendors' key formats and
 * auth headers. Keys never reach an error by design (the HTTP client scrubs
 * its own), so this is the last line, for text we did not write.
 */
const SECRET_SHAPES: readonly RegExp[] = [
  /\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(tp_live|talq|pit)([-_])[A-Za-z0-9-]{8,}/gi,
  /\b(x-api-key|authorization|api[_-]?key|apikey|token|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
];

export function scrubSecrets(text: string): string {
  // Every shape keeps its name and separator (groups 1 and 2) and drops the value.
  return SECRET_SHAPES.reduce(
    (scrubbed, shape) => scrubbed.replace(shape, (_match: string, name: string, separator: string) => `${name}${separator}[removed]`),
    text,
  );
}

/** `talktally.log` in the data folder: unexpected errors of the app, with their stacks, secrets removed. */
export function createErrorLog(folder: string): { file: string; write(what: string, error?: unknown): void } {
  const file = path.join(folder, 'talktally.log');
  return {
    file,
    write(what, error) {
      const detail = error === undefined ? '' : error instanceof Error ? `\n${error.stack ?? error.message}` : `\n${String(error)}`;
      try {
        fs.mkdirSync(folder, { recursive: true });
        fs.appendFileSync(file, `${new Date().toISOString()} ${scrubSecrets(what + detail)}\n`);
      } catch {
        // A log that cannot be written must not take the app down with it.
      }
    },
  };
}
