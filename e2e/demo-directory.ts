import type { test } from './fixtures.ts';

export type Emulator = Parameters<Parameters<typeof test>[2]>[0]['emulator'];

/** Where the demo's grants go: its organization, production and orders-prod. */
export type DemoDirectory = {
  orgId: string;
  production: { id: string };
  ordersProd: { id: string };
};

/** Reads the demo directory's ids straight from the emulator. */
export async function demoDirectory(
  emulator: Emulator,
): Promise<DemoDirectory> {
  const orgs = await emulator.get<{ data: { id: string }[] }>(
    '/org/v2/organizations',
  );
  const environments = await emulator.get<{
    data: { id: string; display_name: string }[];
  }>('/org/v2/environments?page_size=100');
  const production = environments.body.data.find(
    (each) => each.display_name === 'production',
  )!;
  const clusters = await emulator.get<{
    data: { id: string; spec: { display_name: string } }[];
  }>(`/cmk/v2/clusters?environment=${production.id}&page_size=100`);
  const ordersProd = clusters.body.data.find(
    (each) => each.spec.display_name === 'orders-prod',
  )!;
  return { orgId: orgs.body.data[0]!.id, production, ordersProd };
}
