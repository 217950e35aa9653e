import { useState } from 'react';
import { request } from '../../api';
import { ErrorMessage } from '../../components/States';
import { problemOf } from '../connections/problems';
import { SaveStatus } from './SaveStatus';
import { useSettingsSaver } from './use-settings-saver';

/** Where the database lives (and moving it), and where one-click reports are saved. */
export function FolderSettings() {
  const { settings, status, save, update } = useSettingsSaver();
  const [showProblem, setShowProblem] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);

  const moveDataFolder = async () => {
    setShowProblem(null);
    try {
      const { movedTo } = await request('settings/move-data-folder');
      if (movedTo) setMoved(movedTo);
    } catch (error) {
      setShowProblem(problemOf(error).message);
    }
  };

  const showDataFolder = async () => {
    setShowProblem(null);
    try {
      await request('app/show-data-folder');
    } catch (error) {
      setShowProblem(problemOf(error).message);
    }
  };

  const chooseReportsFolder = () =>
    save(async () => {
      const before = settings.reportsFolderInUse;
      const after = await request('settings/choose-reports-folder');
      return after.reportsFolderInUse !== before;
    });

  return (
    <>
      <div className="setting">
        <span className="setting-label">Data folder</span>
        <div className="setting-control">
          <code className="path" data-testid="data-folder">
            {settings.dataFolder}
          </code>
          <button type="button" onClick={() => void showDataFolder()}>
            Show in folder
          </button>
          <button type="button" onClick={() => void moveDataFolder()} disabled={moved !== null}>
            Move…
          </button>
        </div>
        <small className="muted setting-help">
          Your synced calls are stored here, on this computer only. Move copies them to a folder you choose and restarts Talktally there; the old copy stays
          until you delete it.
        </small>
        {moved && <p role="status">Copied to {moved}. Talktally is restarting…</p>}
        {showProblem && <ErrorMessage>{showProblem}</ErrorMessage>}
      </div>
      <div className="setting">
        <span className="setting-label">Reports folder</span>
        <div className="setting-control">
          <code className="path" data-testid="reports-folder">
            {settings.reportsFolderInUse}
          </code>
          <button type="button" onClick={() => void chooseReportsFolder()}>
            Choose…
          </button>
          <button type="button" onClick={() => void update({ reportsFolder: null })} disabled={settings.reportsFolder === null}>
            Use Downloads
          </button>
          <SaveStatus status={status} />
        </div>
        <small className="muted setting-help">
          {settings.reportsFolder === null ? 'Reports go to your Downloads folder.' : 'Reports go to the folder you chose.'}
        </small>
      </div>
    </>
  );
}
