import { useId, useState } from 'react';
import { CollapseIcon, SCREEN_ICONS } from './icons';
import { SCREENS, type ScreenId } from './screens';
import { SyncIndicator } from './SyncIndicator';

const STORAGE_KEY = 'talktally.sidebar.collapsed.v1';

/** Whether the user folded the sidebar to its icons, remembered between runs of the app. */
function useCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => {
    try {
      return localStorage.getItem(STORAGE_KEY) === 'true';
    } catch {
      return false;
    }
  });
  const change = (next: boolean) => {
    setCollapsed(next);
    try {
      localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // Storage full or refused: the sidebar still folds, it is only not remembered.
    }
  };
  return [collapsed, change];
}

/**
 * The screens down the side, with their shortcuts in the tooltips. Folded to
 * its icons it gives a narrow window (900 px) its width back; each button keeps
 * its screen's name for screen readers and as its tooltip.
 */
export function Sidebar({ screen, go }: { screen: ScreenId; go(screen: ScreenId): void }) {
  const [collapsed, setCollapsed] = useCollapsed();
  const listId = useId();
  const toggleLabel = collapsed ? 'Expand sidebar' : 'Collapse sidebar';
  return (
    <nav className={collapsed ? 'sidebar collapsed' : 'sidebar'} aria-label="Screens">
      <div className="sidebar-top">
        <div className="brand">Talktally</div>
        <button
          type="button"
          className="sidebar-toggle"
          aria-expanded={!collapsed}
          aria-controls={listId}
          aria-label={toggleLabel}
          title={toggleLabel}
          onClick={() => setCollapsed(!collapsed)}
        >
          <CollapseIcon collapsed={collapsed} />
        </button>
      </div>
      <ul id={listId}>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={s.id === screen ? 'active' : ''}
              aria-current={s.id === screen ? 'page' : undefined}
              title={`${s.label} (Ctrl+${i + 1})`}
              onClick={() => go(s.id)}
            >
              {SCREEN_ICONS[s.id]}
              <span className={collapsed ? 'visually-hidden' : undefined}>{s.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <SyncIndicator />
    </nav>
  );
}
