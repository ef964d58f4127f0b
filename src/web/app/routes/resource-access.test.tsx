import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

// The whole organization's pools and bindings load first.
const SLOW = { timeout: 30_000 };

function rowOf(table: HTMLElement, poolName: string) {
  const link = within(table).getByRole('link', { name: poolName });
  return link.closest('tr')!;
}

async function answerTable() {
  return screen.findByRole(
    'table',
    {
      name: /^Pools that can reach topics "ingest\.\*" in cluster orders-prod/,
    },
    { timeout: 20_000 },
  );
}

// The demo seed's named pools: ingest-gke-prod writes `ingest.*` itself,
// topic-provisioner manages every topic of orders-prod (the empty prefix);
// looker-readers' DataDiscovery on production and legacy-catch-all's
// MetricsViewer on the organization give nothing on topics.
async function expectIngestAnswer() {
  const table = await answerTable();
  // Pools load one provider at a time; their rows link once theirs is in.
  await screen.findByText(
    'Loaded all 290 pools from 6 providers.',
    {},
    { timeout: 20_000 },
  );
  const expected: [string, string, string][] = [
    ['ingest-gke-prod', 'DeveloperWrite', 'Exact: the binding names it'],
    ['topic-provisioner', 'DeveloperManage', 'Prefix binding'],
  ];
  for (const [pool, role, how] of expected) {
    const row = rowOf(table, pool);
    expect(within(row).getByText(role)).toBeInTheDocument();
    expect(within(row).getByText(how)).toBeInTheDocument();
  }
  // Most specific first.
  const order = within(table)
    .getAllByRole('link')
    .map((link) => link.textContent);
  expect(order.indexOf('ingest-gke-prod')).toBeLessThan(
    order.indexOf('topic-provisioner'),
  );
  // Roles that give nothing on topics stand apart, collapsed.
  for (const pool of ['looker-readers', 'legacy-catch-all']) {
    expect(order).not.toContain(pool);
  }
  expect(
    screen.getByText(/with roles that give nothing on topics:/),
  ).toHaveTextContent(/MetricsViewer on organization .*DataDiscovery on/);
  // A pool's filter and identity claim sit beside it, and it links to the pool.
  const ingest = rowOf(table, 'ingest-gke-prod');
  expect(
    within(ingest).getByRole('link', { name: 'ingest-gke-prod' }),
  ).toHaveAttribute(
    'href',
    expect.stringMatching(/^\/providers\/op-.+\/pools\/pool-/),
  );
  expect(ingest.querySelectorAll('code').length).toBeGreaterThanOrEqual(2);
}

test(
  'a topic prefix question lists the demo pools that reach it, with how, and lands in the URL',
  SLOW,
  async () => {
    const { user, router } = renderApp('/access');
    expect(
      await screen.findByRole('heading', { name: 'Who can reach a resource' }),
    ).toBeInTheDocument();
    const environment = screen.getByRole('combobox', { name: 'Environment' });
    await screen.findByRole('option', { name: /^production/ }, SLOW);
    await user.selectOptions(
      environment,
      screen.getByRole('option', { name: /^production/ }),
    );
    const cluster = screen.getByRole('combobox', { name: 'Kafka cluster' });
    await user.selectOptions(
      cluster,
      await screen.findByRole('option', { name: /^orders-prod/ }),
    );
    await user.type(
      screen.getByRole('textbox', { name: 'Topic name' }),
      'ingest.',
    );
    await user.click(screen.getByRole('checkbox', { name: /^Prefix/ }));
    await user.click(
      screen.getByRole('button', { name: 'Show who can reach it' }),
    );

    const search = new URLSearchParams(router.state.location.search);
    expect(router.state.location.pathname).toBe('/access');
    expect(search.get('environment')).toMatch(/^env-/);
    expect(search.get('cluster')).toMatch(/^lkc-/);
    expect(search.get('type')).toBe('topic');
    expect(search.get('name')).toBe('ingest.');
    expect(search.get('prefix')).toBe('1');
    await expectIngestAnswer();
  },
);

test('the URL alone reproduces the question and its answer', SLOW, async () => {
  const first = renderApp('/access');
  await screen.findByRole('option', { name: /^production/ }, SLOW);
  await first.user.selectOptions(
    screen.getByRole('combobox', { name: 'Environment' }),
    screen.getByRole('option', { name: /^production/ }),
  );
  await first.user.selectOptions(
    screen.getByRole('combobox', { name: 'Kafka cluster' }),
    await screen.findByRole('option', { name: /^orders-prod/ }),
  );
  await first.user.type(
    screen.getByRole('textbox', { name: 'Topic name' }),
    'ingest.',
  );
  await first.user.click(screen.getByRole('checkbox', { name: /^Prefix/ }));
  await first.user.click(
    screen.getByRole('button', { name: 'Show who can reach it' }),
  );
  const { pathname, search } = first.router.state.location;
  first.unmount();

  renderApp(`${pathname}${search}`);
  await expectIngestAnswer();
  expect(screen.getByRole('textbox', { name: 'Topic name' })).toHaveValue(
    'ingest.',
  );
  expect(screen.getByRole('checkbox', { name: /^Prefix/ })).toBeChecked();
  expect(
    screen.getByRole('combobox', { name: 'Kafka cluster' }),
  ).toHaveDisplayValue(/^orders-prod/);
});

test('an incomplete question says what is missing', SLOW, async () => {
  const { user, router } = renderApp('/access');
  await screen.findByRole('heading', { name: 'Who can reach a resource' });
  await user.click(
    await screen.findByRole('button', { name: 'Show who can reach it' }),
  );
  expect(screen.getByRole('alert')).toHaveTextContent('Choose an environment.');
  expect(router.state.location.search).toBe('');
});
