/** One line of the benchmark table: a figure, its target, and whether it met it. */
export interface BenchResult {
  area: string;
  measure: string;
  result: string;
  /** Empty when the figure is for information only. */
  target: string;
  /** null: no target. */
  met: boolean | null;
  /** Why a figure is what it is, or what exactly was timed. */
  note?: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The results as one Markdown table, readable on a terminal and in RESULTS.md. */
export function renderTable(results: readonly BenchResult[]): string {
  const header = ['Area', 'Measure', 'Result', 'Target', 'Met'];
  const rows = results.map((r) => [r.area, r.measure, r.result, r.target || '–', r.met === null ? '–' : r.met ? 'met' : 'NOT MET'].map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The notes, numbered after the measure they explain. */
export function renderNotes(results: readonly BenchResult[]): string {
  return results
    .filter((r) => r.note)
    .map((r) => `- **${r.area}, ${r.measure}**: ${r.note}`)
    .join('\n');
}
