import { Command, CommanderError } from 'commander';
import { DatabaseFileError } from '../store/database';
import { DataLocationError } from '../store/location';
import { InvalidApiKeyError, KeychainUnavailableError } from '../secrets/keychain';
import { registerConnectionCommands } from './connections';
import { registerExportCommand } from './export';
import { openCliContext, type CliContext } from './context';
import { CliFailure, EXIT, UsageError } from './errors';
import { registerSearchCommand } from './search';
import { registerSyncCommand } from './sync';

/**
 * `talktally`: the same core as the app, without a window, for scheduled
 * syncs and scripts. Exit 0 on success, 1 on failure, 2 on bad usage; the
 * reason goes to stderr.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('talktally')
    .description('Talktally: your calls from every platform, synced and searchable offline.')
    .option('--db <path>', "the SQLite file to use (default: the app's own)")
    .showHelpAfterError()
    .exitOverride();

  const withContext = async (action: (context: CliContext) => Promise<void>) => {
    const context = openCliContext(program.opts<{ db?: string }>().db, process.env);
    try {
      await action(context);
    } finally {
      context.db.close();
    }
  };
  registerConnectionCommands(program, withContext);
  registerSyncCommand(program, withContext);
  registerSearchCommand(program, withContext);
  registerExportCommand(program, withContext);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = reportError(error);
  }
  return exitCode;
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and --version end here too, having printed themselves.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof InvalidApiKeyError) {
    process.stderr.write(`talktally: ${error.message}\n`);
    return EXIT.usage;
  }
  const known =
    error instanceof CliFailure || error instanceof KeychainUnavailableError || error instanceof DatabaseFileError || error instanceof DataLocationError;
  process.stderr.write(`talktally: ${known ? (error as Error).message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`}\n`);
  return EXIT.failure;
}
