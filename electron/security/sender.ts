/**
 * Whether an IPC message comes from the app's own page: the dev server's
 * origin while developing, the packaged renderer file otherwise. Frames from
 * anywhere else (an iframe, a page navigated to by mistake) are refused.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, rendererUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(rendererUrl);
    if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname;
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}
