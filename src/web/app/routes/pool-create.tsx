export function PoolCreateRoute() {
  return <h1 className="text-2xl font-semibold">New identity pool</h1>;
}
