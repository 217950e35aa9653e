import type { SaveStatus as Status } from './use-settings-saver';

/** "Saved", or why not, beside the setting that changed. */
export function SaveStatus({ status }: { status: Status }) {
  if (status.kind === 'failed') {
    return (
      <span className="field-error save-status" role="alert">
        {status.message}
      </span>
    );
  }
  return (
    <span className="save-status muted" role="status">
      {status.kind === 'saving' ? 'Saving…' : status.kind === 'saved' ? 'Saved' : ''}
    </span>
  );
}
