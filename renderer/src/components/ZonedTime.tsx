import { useApp } from '../app/context';
import { formatDateTime, formatRelative, formatTime, zoneLabel } from '../lib/format';
import { useNow } from '../lib/use-now';

/**
 * An instant as the user reads it: in the zone chosen in Settings, named after
 * the time when it is not this computer's own ("1 Dec 2026, 09:03 America/New_York"),
 * and, with `ago`, how long ago beside it ("· 4 min ago").
 * In a column whose header already names the zone (zoneHeading), `zoneInHeading` leaves it out.
 */
export function ZonedTime({ ms, ago, zoneInHeading, timeOnly }: { ms: number; ago?: boolean; zoneInHeading?: boolean; timeOnly?: boolean }) {
  const { timeZone, info } = useApp();
  const text = timeOnly ? formatTime(ms, timeZone) : formatDateTime(ms, timeZone);
  return (
    <>
      <time dateTime={new Date(ms).toISOString()}>
        {text}
        {zoneInHeading ? '' : zoneLabel(timeZone, info.timeZone)}
      </time>
      {ago && <Ago ms={ms} />}
    </>
  );
}

/** Its own component so only the times that say "ago" tick. */
function Ago({ ms }: { ms: number }) {
  const now = useNow();
  return (
    <>
      {' '}
      <span className="muted time-ago">· {formatRelative(ms, now)}</span>
    </>
  );
}
