/** Placeholder until the screen is built. */
export function ActivityScreen() {
  return <h1>Activity</h1>;
}
