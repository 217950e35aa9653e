import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDataFolder(): void;
  showAbout(): void;
}

/**
 * The application menu: the standard roles (macOS needs Edit's for cut, copy
 * and paste shortcuts to work in any text field), Window, and Help. No View
 * menu with reload or DevTools: those are for development only.
 */
export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open the Data Folder', click: () => actions.openDataFolder() },
        { label: 'About Talktally', click: () => actions.showAbout() },
      ],
    },
  ];
}
