/** Placeholder until the screen is built. */
export function CallsScreen() {
  return <h1>Calls</h1>;
}
