import type { ReactNode } from 'react';
import type { ScreenId } from './screens';

/**
 * Line icons drawn for the sidebar (24×24, in the text's colour), inline so the
 * page needs no icon package and no image request. Decorative: each sits
 * beside its screen's name, which stays the button's accessible name.
 */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SCREEN_ICONS: Record<ScreenId, ReactNode> = {
  // A telephone handset.
  calls: (
    <Icon>
      <path d="M5 3h3.5l2 5-2.5 1.7a11 11 0 0 0 6.3 6.3L16 13.5l5 2V19a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z" />
    </Icon>
  ),
  // Bars of a chart on a baseline.
  activity: (
    <Icon>
      <path d="M3 21h18M7 17v-5M12 17V6M17 17v-8" />
    </Icon>
  ),
  // A page with a folded corner and lines of text.
  reports: (
    <Icon>
      <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z" />
      <path d="M14 3v5h5M9 13h6M9 17h6" />
    </Icon>
  ),
  // Two arrows chasing each other round.
  sync: (
    <Icon>
      <path d="M20 11a8 8 0 0 0-14.7-4.3M4 3v4h4" />
      <path d="M4 13a8 8 0 0 0 14.7 4.3M20 21v-4h-4" />
    </Icon>
  ),
  // A plug.
  connections: (
    <Icon>
      <path d="M9 2v5M15 2v5M6 7h12v4a6 6 0 0 1-12 0zM12 17v5" />
    </Icon>
  ),
  // Three sliders.
  settings: (
    <Icon>
      <path d="M4 6h9M17 6h3M15 4v4M4 12h3M11 12h9M9 10v4M4 18h11M19 18h1M17 16v4" />
    </Icon>
  ),
};

/** Double chevrons: pointing left to fold the sidebar away, right to open it again. */
export function CollapseIcon({ collapsed }: { collapsed: boolean }) {
  return <Icon>{collapsed ? <path d="M6 17l5-5-5-5M13 17l5-5-5-5" /> : <path d="M18 17l-5-5 5-5M11 17l-5-5 5-5" />}</Icon>;
}
