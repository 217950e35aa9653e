import type { Api } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** The typed bridge to main, exposed by the preload: one function per contract channel. */
    readonly api: Api;
  }
}
