import { useMemo, useState } from 'react';
import type { ActivityTotals } from '../../../../shared/activity';
import { ACTIVITY_COLUMNS, columnGroups, formatCell, sortRows, type ActivityColumn, type SortOrder } from './columns';

const rowKey = (r: ActivityTotals) => `${r.connectionId}:${r.userId ?? r.user}`;

/** One row per user (or agent) with the range's figures, a totals row, sortable by any column. */
export function ActivityTable({ users, total }: { users: readonly ActivityTotals[]; total: ActivityTotals }) {
  const [order, setOrder] = useState<SortOrder | null>(null);
  const rows = useMemo(() => sortRows(users, order), [users, order]);
  const groups = columnGroups(ACTIVITY_COLUMNS);

  // A first click sorts names A→Z and figures largest first: what a manager looks for.
  const sortBy = (column: ActivityColumn) =>
    setOrder((now) =>
      now?.columnId === column.id
        ? { columnId: column.id, direction: now.direction === 'asc' ? 'desc' : 'asc' }
        : { columnId: column.id, direction: column.kind === 'text' ? 'asc' : 'desc' },
    );

  const header = (column: ActivityColumn, rowSpan?: number) => {
    const sorted = order?.columnId === column.id ? order.direction : null;
    return (
      <th
        key={column.id}
        scope="col"
        rowSpan={rowSpan}
        className={cellClass(column)}
        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
      >
        <button type="button" className="sort" title={`Sort by ${column.title.toLowerCase()}`} onClick={() => sortBy(column)}>
          {column.label}
          <span className="sort-mark" aria-hidden="true">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="activity-table">
      <table className="figures" aria-label="Activity per user">
        <thead>
          <tr>
            {groups.map(({ group, columns }) =>
              group === null ? (
                columns.map((c) => header(c, 2))
              ) : (
                <th key={group} scope="colgroup" colSpan={columns.length} className="group group-start">
                  {group}
                </th>
              ),
            )}
          </tr>
          <tr>{ACTIVITY_COLUMNS.filter((c) => c.group !== null).map((c) => header(c))}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {ACTIVITY_COLUMNS.map((c) => (
                <Cell key={c.id} column={c} row={row} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            {ACTIVITY_COLUMNS.map((c) => (
              <Cell key={c.id} column={c} row={total} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Figures right-aligned; a line before each group (and before a figure standing alone) so groups read apart. */
function cellClass(column: ActivityColumn): string | undefined {
  const startsGroup = column.group === null ? column.kind !== 'text' : ACTIVITY_COLUMNS.find((c) => c.group === column.group) === column;
  return [column.kind === 'text' ? '' : 'number', startsGroup ? 'group-start' : ''].filter(Boolean).join(' ') || undefined;
}

function Cell({ column, row }: { column: ActivityColumn; row: ActivityTotals }) {
  if (column.id === 'user') {
    return (
      <th scope="row" className="user" data-column={column.id} title={row.email ?? undefined}>
        {formatCell(column, row)}
      </th>
    );
  }
  return (
    <td className={cellClass(column)} data-column={column.id}>
      {formatCell(column, row)}
    </td>
  );
}
