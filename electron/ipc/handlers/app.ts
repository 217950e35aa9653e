import type { AppInfo } from '../../../shared/app';
import type { Handlers } from '../dispatch';

export interface AppHandlerDeps {
  appInfo(): AppInfo;
  /** Opens an http(s) link in the user's browser; the URL is already validated. */
  openExternal(url: string): Promise<void>;
  /** Shows a file in the system's file manager; only paths main chose reach it. */
  showItemInFolder(file: string): void;
}

/** The install itself: its version and database, links out, and the data folder in the file manager. */
export function appHandlers({
  appInfo,
  openExternal,
  showItemInFolder,
}: AppHandlerDeps): Pick<Handlers, 'app/info' | 'app/open-external' | 'app/show-data-folder'> {
  return {
    'app/info': () => appInfo(),
    'app/open-external': async ({ url }) => {
      await openExternal(url);
      return { opened: true };
    },
    'app/show-data-folder': () => {
      showItemInFolder(appInfo().databasePath);
      return { shown: true };
    },
  };
}
