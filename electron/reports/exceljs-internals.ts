import { EventEmitter } from 'node:events';
import type { WriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';

/**
 * The two exceljs 4.4.0 internals (pinned in package.json) the writer needs,
 * checked here so that an exceljs upgrade that changes them fails every report
 * test instead of silently bringing the memory growth back (see workbook.ts).
 */

/** The one buffer inside exceljs that can fill up, and how to tell it is full. */
export interface DrainTarget {
  readonly emitter: EventEmitter;
  needsDrain(): boolean;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** worksheet.stream is a StreamBuf whose `pipes[0]` is archiver's PassThrough. */
export function drainTarget(worksheet: Worksheet): DrainTarget {
  const stream: unknown = Reflect.get(worksheet, 'stream');
  const pipes: unknown = isObject(stream) ? Reflect.get(stream, 'pipes') : undefined;
  const pipe: unknown = Array.isArray(pipes) && pipes.length === 1 ? pipes[0] : undefined;
  const state: unknown = pipe instanceof EventEmitter ? Reflect.get(pipe, '_writableState') : undefined;
  if (!(pipe instanceof EventEmitter) || !isObject(state) || typeof Reflect.get(state, 'needDrain') !== 'boolean') {
    throw new Error('exceljs internals changed: electron/reports/workbook.ts cannot apply backpressure.');
  }
  return { emitter: pipe, needsDrain: () => Reflect.get(state, 'needDrain') === true };
}

/** The archiver inside the workbook writer: its errors, and how to stop it. */
export interface Zip {
  readonly emitter: EventEmitter;
  /** Stops zipping and stops writing to `out`. */
  stop(out: WriteStream): void;
}

export function zipOf(book: ExcelJS.stream.xlsx.WorkbookWriter): Zip {
  const zip: unknown = Reflect.get(book, 'zip');
  const unpipe: unknown = isObject(zip) ? Reflect.get(zip, 'unpipe') : undefined;
  const abort: unknown = isObject(zip) ? Reflect.get(zip, 'abort') : undefined;
  if (!(zip instanceof EventEmitter) || typeof unpipe !== 'function' || typeof abort !== 'function') {
    throw new Error('exceljs internals changed: electron/reports/workbook.ts cannot reach its archiver.');
  }
  return {
    emitter: zip,
    stop(out) {
      unpipe.call(zip, out);
      abort.call(zip);
    },
  };
}
