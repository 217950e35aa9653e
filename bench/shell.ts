import os from 'node:os';
import type { ShellParts } from '../electron/app';

/** The shell's parts for a benchmark: nothing is shown, opened or asked. */
export const BENCH_SHELL: ShellParts = {
  defaultReportsFolder: os.tmpdir(),
  openExternal: async () => undefined,
  showItemInFolder: () => undefined,
  chooseFolder: async () => null,
};
