import { useState } from 'react';
import type { SettingsUpdate, SettingsView } from '../../../../shared/settings';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { problemOf } from '../connections/problems';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; field: string | null; message: string };

/**
 * Settings save as soon as they change. The new value shows at once (so a
 * control does not jump back while main answers) and is dropped again if main
 * refuses it, with main's reason.
 */
export function useSettingsSaver() {
  const { settings, reloadSettings } = useApp();
  const [pending, setPending] = useState<SettingsUpdate>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  /** Runs `work`, which answers whether anything changed (not when the user cancelled a dialog). */
  const save = async (work: () => Promise<boolean>, shownMeanwhile: SettingsUpdate = {}) => {
    setPending(shownMeanwhile);
    setStatus({ kind: 'saving' });
    try {
      const changed = await work();
      await reloadSettings();
      setStatus(changed ? { kind: 'saved' } : { kind: 'idle' });
    } catch (error) {
      setStatus({ kind: 'failed', ...problemOf(error) });
    } finally {
      setPending({});
    }
  };

  const update = (changes: SettingsUpdate) =>
    save(async () => {
      await request('settings/update', changes);
      return true;
    }, changes);

  const shown: SettingsView = { ...settings, ...pending };
  return { settings: shown, status, save, update };
}
