import { useMemo, useState } from 'react';
import type { ActivityTotals } from '../../../../shared/activity';
import { MetricHelp } from './MetricHelp';
import { columnGroups, formatCell, sortRows, type ActivityColumn, type SortOrder } from './columns';

export interface TableRow {
  /** Unique in the table: a person's connection and id, or a team's id. */
  key: string;
  current: ActivityTotals;
  /** The same person or team in the period before; absent when they had no activity then. */
  previous: ActivityTotals | undefined;
}

interface Props {
  /** Names the table for screen readers: "Recruiters", "AI agents". */
  label: string;
  rows: readonly TableRow[];
  total: TableRow;
  /** Opens the calls behind a row (Enter on its name, or a click anywhere on it). */
  onOpen(row: TableRow): void;
  /** What a row's name button says it opens: "Show Amira Torphy's calls". */
  openLabel(row: TableRow): string;
  /** The columns to show (activityColumns: the fixed ones, conversation figures, a column per tracker). */
  columns: readonly ActivityColumn[];
}

/** One row per person, agent or team with the range's figures and their change, a totals row, sortable by any column. */
export function ActivityTable({ label, rows, total, onOpen, openLabel, columns }: Props) {
  const [order, setOrder] = useState<SortOrder | null>(null);
  const sorted = useMemo(() => {
    const byCurrent = new Map(rows.map((r) => [r.current, r]));
    return sortRows(
      rows.map((r) => r.current),
      order,
      (current) => byCurrent.get(current)?.previous,
      columns,
    ).map((current) => byCurrent.get(current) as TableRow);
  }, [rows, order, columns]);
  const groups = columnGroups(columns);

  // A first click sorts names A→Z and figures largest first: what a manager looks for.
  const sortBy = (column: ActivityColumn) =>
    setOrder((now) =>
      now?.columnId === column.id
        ? { columnId: column.id, direction: now.direction === 'asc' ? 'desc' : 'asc' }
        : { columnId: column.id, direction: column.kind === 'text' ? 'asc' : 'desc' },
    );

  const header = (column: ActivityColumn, rowSpan?: number) => {
    const direction = order?.columnId === column.id ? order.direction : null;
    return (
      <th
        key={column.id}
        scope="col"
        rowSpan={rowSpan}
        className={cellClass(column, columns)}
        data-column={column.id}
        aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
      >
        <span className="header-cell">
          <button
            type="button"
            className="sort"
            title={`Sort by ${column.title.toLowerCase()}`}
            aria-label={`${column.label}: sort by ${column.title.toLowerCase()}`}
            onClick={() => sortBy(column)}
          >
            {column.label}
            <span className="sort-mark" aria-hidden="true">
              {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
            </span>
          </button>
          {column.definition && <MetricHelp name={column.title} definition={column.definition} />}
        </span>
      </th>
    );
  };

  return (
    <div className="activity-table">
      <table className="figures" aria-label={label}>
        <thead>
          <tr>
            {groups.map(({ group, columns: inGroup }) =>
              group === null ? (
                inGroup.map((c) => header(c, 2))
              ) : (
                <th key={group} scope="colgroup" colSpan={inGroup.length} className="group group-start">
                  {group}
                </th>
              ),
            )}
          </tr>
          <tr>{columns.filter((c) => c.group !== null).map((c) => header(c))}</tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key} data-key={row.key} className="drillable" onClick={(e) => !(e.target as HTMLElement).closest('button') && onOpen(row)}>
              {columns.map((c) => (
                <Cell key={c.id} column={c} columns={columns} row={row} onOpen={() => onOpen(row)} openLabel={openLabel(row)} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-key={total.key}>
            {columns.map((c) => (
              <Cell key={c.id} column={c} columns={columns} row={total} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Figures right-aligned; a line before each group (and before a figure standing alone) so groups read apart. */
function cellClass(column: ActivityColumn, columns: readonly ActivityColumn[]): string | undefined {
  const startsGroup = column.group === null ? column.kind !== 'text' : columns.find((c) => c.group === column.group) === column;
  return [column.kind === 'text' ? '' : 'number', startsGroup ? 'group-start' : ''].filter(Boolean).join(' ') || undefined;
}

function Cell({
  column,
  columns,
  row,
  onOpen,
  openLabel,
}: {
  column: ActivityColumn;
  columns: readonly ActivityColumn[];
  row: TableRow;
  onOpen?: () => void;
  openLabel?: string;
}) {
  const text = formatCell(column, row.current, row.previous);
  if (column.id === 'user') {
    const note = row.current.nameNote;
    return (
      <th scope="row" className="user" data-column={column.id} title={row.current.email ?? undefined}>
        {onOpen ? (
          <button type="button" className="open-calls" onClick={onOpen} aria-label={openLabel}>
            {text}
          </button>
        ) : (
          text
        )}
        {note && (
          <span className="name-note" data-testid="name-note">
            {note}
          </span>
        )}
      </th>
    );
  }
  return (
    <td className={[cellClass(column, columns), column.kind === 'change' ? `change-cell` : ''].filter(Boolean).join(' ') || undefined} data-column={column.id}>
      {text}
    </td>
  );
}
