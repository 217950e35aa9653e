/** The window's screens, in the sidebar's order (Ctrl+1…6): one list for the shell, its shortcuts and the tests. */
export const SCREENS = [
  { id: 'calls', label: 'Calls' },
  { id: 'activity', label: 'Activity' },
  { id: 'reports', label: 'Reports' },
  { id: 'sync', label: 'Sync' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];
