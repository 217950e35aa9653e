/** Placeholder until the screen is built. */
export function SyncScreen() {
  return <h1>Sync</h1>;
}
