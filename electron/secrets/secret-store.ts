/**
 * Where connection keys live: the OS keychain, and nowhere else. The store hands
 * a key to the core's connectors in main; nothing ever sends one to the window.
 */
export interface SecretStore {
  /** Saves or replaces the key of a connection. */
  set(connectionId: number, key: string): Promise<void>;
  /** The key, for a connector in main. Null when none is set. */
  get(connectionId: number): Promise<string | null>;
  /** Whether a key is set: all the window ever learns. */
  has(connectionId: number): Promise<boolean>;
  /** Removes the key; false when there was none. */
  delete(connectionId: number): Promise<boolean>;
}

/** The keychain service name every Talktally key is stored under. */
export const KEYCHAIN_SERVICE = 'Talktally';
