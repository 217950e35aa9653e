/**
 * Whether an IPC message comes from the app's own page: the dev server's
 * origin while developing, app://talktally otherwise. Frames from
 * anywhere else (an iframe, a page navigated to by mistake) are refused.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, rendererUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(rendererUrl);
    if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname;
    // app:// is not a scheme Node's URL knows, so its `origin` is "null": compare scheme and host.
    if (app.protocol !== 'http:' && app.protocol !== 'https:') return sender.protocol === app.protocol && sender.host === app.host && sender.host !== '';
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}
