export function PoolEditRoute() {
  return <h1 className="text-2xl font-semibold">Edit identity pool</h1>;
}
