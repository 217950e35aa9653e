import { useEffect, useRef } from 'react';
import { ActivityScreen } from '../screens/activity/ActivityScreen';
import { CallsScreen } from '../screens/calls/CallsScreen';
import { ConnectionsScreen } from '../screens/connections/ConnectionsScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { SyncScreen } from '../screens/sync/SyncScreen';
import { focusScreenHeading } from '../lib/focus';
import { Sidebar } from './Sidebar';
import { StatusLine } from './StatusLine';
import { SCREENS, useApp, type ScreenId } from './context';

const SCREEN_COMPONENTS: Record<ScreenId, () => React.JSX.Element> = {
  calls: CallsScreen,
  activity: ActivityScreen,
  reports: ReportsScreen,
  sync: SyncScreen,
  connections: ConnectionsScreen,
  settings: SettingsScreen,
};

/** The window: the screens down the side (Ctrl+1…6), the chosen one beside them, the status line under it. */
export function Shell() {
  const { screen, go } = useApp();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = SCREENS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  // On a screen switch, focus goes to the new screen's heading: a screen reader says where the user is,
  // and Tab carries on from the top of that screen, not from the button left behind.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    const frame = requestAnimationFrame(focusScreenHeading);
    return () => cancelAnimationFrame(frame);
  }, [screen]);

  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className="shell">
      <Sidebar screen={screen} go={go} />
      <main className="screen" aria-label={SCREENS.find((s) => s.id === screen)?.label}>
        <Screen />
      </main>
      <StatusLine />
    </div>
  );
}
