import { shell } from 'electron';
import { isSafeExternalUrl } from '../security/safe-external-url';

/** The only way a link leaves the app: http(s) only, opened in the user's browser. */
export async function safeOpenExternal(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  // eslint-disable-next-line no-restricted-properties -- this is the one checked call site
  await shell.openExternal(url);
  return true;
}
