import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { apiCall, resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

// The whole organization's pools and bindings load first.
const SLOW = { timeout: 30_000 };

type Named = { id: string; display_name: string };
type Cluster = { id: string; spec: { display_name: string } };

async function ordersProd() {
  const environments = await apiCall<{ data: Named[] }>(
    'GET',
    '/org/v2/environments?page_size=100',
  );
  const production = environments.data.find(
    (each) => each.display_name === 'production',
  )!;
  const clusters = await apiCall<{ data: Cluster[] }>(
    'GET',
    `/cmk/v2/clusters?environment=${production.id}`,
  );
  const cluster = clusters.data.find(
    (each) => each.spec.display_name === 'orders-prod',
  )!;
  return { environment: production.id, cluster: cluster.id };
}

async function allPoolsLoaded() {
  // Pools load one provider at a time; their rows link once theirs is in.
  await screen.findByText(
    'Loaded all 290 pools from 6 providers.',
    {},
    { timeout: 20_000 },
  );
}

function rowOf(table: HTMLElement, poolName: string) {
  return within(table).getByRole('link', { name: poolName }).closest('tr')!;
}

// The demo seed: legacy-catch-all holds MetricsViewer on the organization,
// looker-readers DataDiscovery on production, topic-provisioner
// DeveloperManage on every topic of orders-prod.
test(
  'a MetricsViewer organization binding does not reach a topic; it is listed apart, with DataDiscovery',
  SLOW,
  async () => {
    const where = await ordersProd();
    const { user } = renderApp(
      `/access?environment=${where.environment}&cluster=${where.cluster}&type=topic&name=orders`,
    );
    const pools = await screen.findByRole(
      'table',
      { name: /^Pools that can reach topic "orders" in cluster orders-prod/ },
      { timeout: 20_000 },
    );
    await allPoolsLoaded();

    const provisioner = rowOf(pools, 'topic-provisioner');
    expect(within(provisioner).getByText('DeveloperManage')).toHaveTextContent(
      'DeveloperManage — manages',
    );
    expect(
      within(pools).queryByRole('link', { name: 'legacy-catch-all' }),
    ).not.toBeInTheDocument();
    expect(
      within(pools).queryByRole('link', { name: 'looker-readers' }),
    ).not.toBeInTheDocument();
    expect(within(pools).queryByText('MetricsViewer')).not.toBeInTheDocument();

    // Users: the organization admin still reaches it, the metrics reader not.
    const others = screen.getByRole('table', {
      name: /^Other principals that can reach topic "orders"/,
    });
    expect(within(others).getByText('OrganizationAdmin')).toHaveTextContent(
      'OrganizationAdmin — full control',
    );
    expect(within(others).queryByText('MetricsViewer')).not.toBeInTheDocument();

    const summary = screen.getByText(
      /bindings reach it with roles that give nothing on topics:/,
    );
    expect(summary).toHaveTextContent(/MetricsViewer on organization /);
    expect(summary).toHaveTextContent(
      /DataDiscovery on environment production/,
    );
    const details = summary.closest('details')!;
    expect(details).not.toHaveAttribute('open');

    await user.click(summary);
    expect(details).toHaveAttribute('open');
    const apart = within(details).getByRole('table', {
      name: /^Bindings that reach topic "orders" .* with roles that give nothing on topics$/,
    });
    const metrics = rowOf(apart, 'legacy-catch-all');
    expect(within(metrics).getByText('MetricsViewer')).toHaveTextContent(
      'MetricsViewer — nothing on topics',
    );
    expect(within(metrics).getByText('Organization scope')).toBeInTheDocument();
    const discovery = rowOf(apart, 'looker-readers');
    expect(within(discovery).getByText('DataDiscovery')).toBeInTheDocument();
    expect(
      within(apart).queryByText('DeveloperManage'),
    ).not.toBeInTheDocument();
  },
);

test(
  'asked about the cluster itself, the MetricsViewer binding reaches it, for metrics only',
  SLOW,
  async () => {
    const where = await ordersProd();
    renderApp(
      `/access?environment=${where.environment}&cluster=${where.cluster}&type=cluster`,
    );
    const pools = await screen.findByRole(
      'table',
      { name: /^Pools that can reach cluster orders-prod/ },
      { timeout: 20_000 },
    );
    await allPoolsLoaded();
    const metrics = rowOf(pools, 'legacy-catch-all');
    expect(within(metrics).getByText('MetricsViewer')).toHaveTextContent(
      'MetricsViewer — metrics only',
    );
    // Stream Catalog browsing gives nothing on a Kafka cluster.
    expect(
      within(pools).queryByRole('link', { name: 'looker-readers' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/give nothing on Kafka clusters:/),
    ).toHaveTextContent(/DataDiscovery on environment production/);
  },
);
