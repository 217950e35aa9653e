/** Placeholder until the screen is built. */
export function ReportsScreen() {
  return <h1>Reports</h1>;
}
