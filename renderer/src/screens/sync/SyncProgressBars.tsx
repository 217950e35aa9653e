import { transcriptBacklogTime, type SyncProgress } from '../../../../shared/sync';
import type { Vendor } from '../../../../shared/vendors';
import { ProgressBar } from '../../components/States';
import { formatNumber } from '../../lib/format';

/**
 * A running sync's progress: how far through the calls (or activity) windows,
 * how many transcripts of those missing are fetched; a moving bar when main
 * cannot know the total yet.
 */
export function SyncProgressBars({ progress, vendor }: { progress: SyncProgress | null; vendor: Vendor }) {
  if (!progress) return <ProgressBar value={0} max={null} label="Starting…" />;
  const read = `${formatNumber(progress.records)} records read`;
  const warnings = progress.warnings > 0 ? ` · ${formatNumber(progress.warnings)} skipped` : '';
  const { window } = progress;

  if (progress.stream === 'transcripts') {
    const left = transcriptBacklogTime(vendor, progress.transcriptsPending - progress.transcriptsDone);
    return progress.transcriptsPending > 0 ? (
      <ProgressBar
        value={progress.transcriptsDone}
        max={progress.transcriptsPending}
        label={`Transcripts: ${formatNumber(progress.transcriptsDone)} of ${formatNumber(progress.transcriptsPending)}${left ? ` · ${left} left` : ''}${warnings}`}
      />
    ) : (
      <ProgressBar value={0} max={null} label={`Transcripts: looking for missing ones · ${read}${warnings}`} />
    );
  }
  const what = progress.stream === 'calls' ? 'Calls' : 'Activity';
  // One window (a vendor read in one go) says nothing about how far along it is: a moving bar and the count.
  return window && window.count > 1 ? (
    <ProgressBar value={window.index} max={window.count} label={`${what}: part ${window.index} of ${window.count} · ${read}${warnings}`} />
  ) : (
    <ProgressBar value={0} max={null} label={`${what}: ${read}${warnings}`} />
  );
}
