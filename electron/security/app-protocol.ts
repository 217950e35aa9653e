import path from 'node:path';

/**
 * The packaged window loads from `app://talktally/…`, served from the renderer
 * folder only, instead of `file://`: a file URL would give the page (and any
 * file it links) the file scheme's privileges, and every file page would share
 * one origin. The IPC sender check compares this origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'talktally';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The file an app:// URL names inside the renderer folder, or null for anything outside it (`..`, another host). */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file === root || !file.startsWith(root + path.sep) ? null : file;
}
