import { CALL_COLUMNS, displayOrder } from './columns';

interface Props {
  hidden: readonly string[];
  order: readonly string[];
  onChange(view: { hidden: string[]; order: string[] }): void;
}

/** Show, hide and move the table's columns; the choice is remembered with the rest of the view. */
export function ColumnMenu({ hidden, order, onChange }: Props) {
  const ordered = displayOrder(order, false);
  const move = (id: string, by: -1 | 1) => {
    const next = [...ordered];
    const at = next.indexOf(id);
    const to = at + by;
    if (to < 0 || to >= next.length) return;
    [next[at], next[to]] = [next[to] as string, next[at] as string];
    onChange({ hidden: [...hidden], order: next });
  };
  const toggle = (id: string) => onChange({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id], order: ordered });
  return (
    <details
      className="column-menu"
      onKeyDown={(event) => {
        // Esc closes the menu and gives focus back to what opened it (not to the page, not the reader's close).
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.stopPropagation();
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary>Columns</summary>
      <ul>
        {ordered.map((id, i) => {
          const column = CALL_COLUMNS.find((c) => c.id === id);
          if (!column) return null;
          return (
            <li key={id}>
              <label>
                <input type="checkbox" checked={!hidden.includes(id)} onChange={() => toggle(id)} />
                {column.header}
              </label>
              <button type="button" aria-label={`Move ${column.header} left`} disabled={i === 0} onClick={() => move(id, -1)}>
                ↑
              </button>
              <button type="button" aria-label={`Move ${column.header} right`} disabled={i === ordered.length - 1} onClick={() => move(id, 1)}>
                ↓
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange({ hidden: [], order: [] })}>
        Show all, default order
      </button>
    </details>
  );
}
