import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/stats';
import { renderNotes, renderTable } from '../../bench/table';

describe('benchmark helpers', () => {
  it('takes percentiles by nearest rank, so each is a value really measured', () => {
    const values = Array.from({ length: 50 }, (_, i) => 50 - i); // 50 … 1, unsorted on purpose
    expect(percentile(values, 50)).toBe(25);
    expect(percentile(values, 95)).toBe(48);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('prints one aligned Markdown table with each target and whether it was met', () => {
    const table = renderTable([
      { area: 'Search', measure: 'p95', result: '12 ms', target: 'p95 < 50 ms', met: true },
      { area: 'Export', measure: 'a | b', result: '1.5x', target: '≥ 2x', met: false, note: 'why' },
      { area: 'Size', measure: 'bytes', result: '10 MiB', target: '', met: null },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toMatch(/\| met +\|$/);
    expect(lines[3]).toContain('a \\| b');
    expect(lines[3]).toMatch(/\| NOT MET \|$/);
    expect(lines[4]).toMatch(/\| – +\| – +\|$/);
    expect(renderNotes([{ area: 'Export', measure: 'm', result: '', target: '', met: null, note: 'why' }])).toBe('- **Export, m**: why');
  });
});
