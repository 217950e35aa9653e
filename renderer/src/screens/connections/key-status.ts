import type { ConnectionSummary } from '../../../../shared/connections';

/** The key badge: set, missing, or unknown because the keychain did not answer (main says null). */
export function keyStatusWords(keySet: ConnectionSummary['keySet']): string {
  return keySet === null ? 'Key status unknown' : keySet ? 'Key set' : 'No key';
}

/** Why some keys show "Key status unknown", and what the user can do about it. */
export const KEYCHAIN_SILENT =
  "The system keychain did not answer, so Talktally cannot tell whether these connections' keys are stored. " +
  'If the keychain is locked or asking for your password, unlock it, then open this screen again. Keys are never stored anywhere else.';
