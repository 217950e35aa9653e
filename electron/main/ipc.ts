import type { IpcMain } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import type { Dispatch } from '../ipc/dispatch';
import { isTrustedSenderUrl } from '../security/sender';

/** Binds every contract channel to the dispatcher, refusing messages from any page but the app's own. */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, rendererUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, rendererUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This page may not talk to Talktally.' } };
      }
      return dispatch(channel, payload);
    });
  }
}
