/** Exit statuses the CLI promises: scripts and schedulers rely on them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Wrong words on the command line: exit 2, with the reason. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command could not do its job: exit 1, with the reason. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}
