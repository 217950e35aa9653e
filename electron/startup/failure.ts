import path from 'node:path';
import { DatabaseFileError } from '../store/database';
import { DataLocationError } from '../store/location';

/** What a person can do when Talktally cannot start: the first choice is the suggested one. */
export type StartupChoice = 'new-database' | 'locate-folder' | 'open-data-folder' | 'retry' | 'quit';

export const CHOICE_LABELS: Readonly<Record<StartupChoice, string>> = {
  'new-database': 'Start with a new database',
  'locate-folder': 'Locate the moved folder…',
  'open-data-folder': 'Open the data folder',
  retry: 'Try again',
  quit: 'Quit',
};

export interface StartupFailure {
  title: string;
  /** One sentence: what is wrong. */
  message: string;
  /** What each choice does, and where things are. */
  detail: string;
  choices: StartupChoice[];
  /** A bug rather than a problem with the user's files: it goes to the log with its stack. */
  unexpected: boolean;
}

const TITLE = 'Talktally cannot open its database';

/** Start-up's failure in plain words, with the choices that fit it. Never "Start with a new database" unless the old file is kept. */
export function describeStartupFailure(error: unknown, databasePath: string | null): StartupFailure {
  const file = databasePath ? path.basename(databasePath) : 'talktally.sqlite';
  if (error instanceof DataLocationError) {
    return error.problem === 'moved-database-missing'
      ? {
          title: 'Talktally cannot find its database',
          message: error.message,
          detail: 'Plug the drive back in and try again, or locate the folder if it was moved or renamed. Nothing has been changed.',
          choices: ['retry', 'locate-folder', 'quit'],
          unexpected: false,
        }
      : {
          title: 'Talktally cannot find its database',
          message: error.message,
          detail: 'Locate the folder that holds talktally.sqlite. Nothing has been changed.',
          choices: ['locate-folder', 'open-data-folder', 'quit'],
          unexpected: false,
        };
  }
  if (error instanceof DatabaseFileError) {
    const kept = `The current ${file} is kept beside the new one, renamed, so nothing is lost.`;
    switch (error.problem) {
      case 'damaged':
        return {
          title: TITLE,
          message: error.message,
          detail: `Start with a new database to go on (your keys stay in the keychain; sync again to fetch the calls). ${kept}`,
          choices: ['new-database', 'open-data-folder', 'quit'],
          unexpected: false,
        };
      case 'newer':
        return {
          title: TITLE,
          message: error.message,
          detail: 'Install the latest Talktally to open it.',
          choices: ['quit', 'open-data-folder'],
          unexpected: false,
        };
      case 'locked':
        return {
          title: TITLE,
          message: error.message,
          detail: 'Wait for the other program (perhaps the talktally command line) to finish, then try again.',
          choices: ['retry', 'quit'],
          unexpected: false,
        };
      case 'disk-full':
        return {
          title: TITLE,
          message: error.message,
          detail: 'Free some space on the disk, then try again.',
          choices: ['retry', 'open-data-folder', 'quit'],
          unexpected: false,
        };
      case 'upgrade-failed':
        return {
          title: TITLE,
          message: error.message,
          detail: 'Nothing was lost. Quit, and tell us what happened; the data folder holds the copy.',
          choices: ['quit', 'open-data-folder'],
          unexpected: false,
        };
      case 'unavailable':
        return {
          title: TITLE,
          message: error.message,
          detail: 'Check the disk is connected and writable, then try again.',
          choices: ['retry', 'open-data-folder', 'quit'],
          unexpected: false,
        };
    }
  }
  return {
    title: 'Talktally could not start',
    message: `Something unexpected went wrong while starting: ${error instanceof Error ? error.message : String(error)}`,
    detail: 'The details are in talktally.log in the data folder.',
    choices: ['quit', 'open-data-folder'],
    unexpected: true,
  };
}
