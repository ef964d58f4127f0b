import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { AUDIT_PAGE_SIZE } from '#contract/audit.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';
import {
  createTestCaseFor,
  createTestPool,
  updateTestPool,
} from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

function entries() {
  return within(
    screen.getByRole('list', { name: 'Recorded changes' }),
  ).getAllByRole('listitem');
}

/** The row of the changes table that names `field`. */
function changeRow(entry: HTMLElement, field: string) {
  return within(entry).getByRole('rowheader', { name: field }).closest('tr')!;
}

test('History lists the pool’s writes newest first, with who, outcome, request id and each change', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta, {
    filter: 'claims.aud == "kafka"',
  });
  const longFilter = `claims.aud == "kafka" && claims.sub in [${Array.from(
    { length: 5 },
    (_, i) => `"svc-payments-settlement-${i}"`,
  ).join(', ')}]`;
  await updateTestPool(okta, pool.id, {
    description: 'Now audited.',
    filter: longFilter,
  });

  const { user, router } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  const tabs = await screen.findByRole('tablist', { name: 'Pool sections' });
  expect(within(tabs).getByRole('tab', { name: 'Details' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await user.click(within(tabs).getByRole('tab', { name: 'History' }));
  expect(router.state.location.search).toBe('?tab=history');
  expect(
    await screen.findByRole('heading', { level: 2, name: 'History' }),
  ).toBeInTheDocument();
  await screen.findByRole('list', { name: 'Recorded changes' });

  const [update, create] = entries();
  expect(entries()).toHaveLength(2);
  expect(within(update!).getByRole('heading', { level: 3 })).toHaveTextContent(
    'Updated pool',
  );
  expect(update).toHaveTextContent('Applied · HTTP 200');
  expect(update).toHaveTextContent('Local user (admin)');
  expect(within(update!).getByRole('time')).toHaveTextContent(/ago|now/);
  expect(
    within(update!).getByRole('button', { name: /^Copy request id / }),
  ).toBeInTheDocument();

  const filterRow = changeRow(update!, 'filter');
  const [before, after] = within(filterRow).getAllByRole('cell');
  expect(before).toHaveTextContent('claims.aud == "kafka"');
  expect(after).toHaveTextContent(longFilter);
  // Filters are code: monospace, wrapping rather than overflowing.
  const code = within(after!).getByText(longFilter);
  expect(code.tagName).toBe('CODE');
  expect(code).toHaveClass('font-mono', 'break-all', 'whitespace-pre-wrap');
  const description = changeRow(update!, 'description');
  expect(description).toHaveTextContent('Made by a component test.');
  expect(description).toHaveTextContent('Now audited.');
  // Only the fields that changed.
  expect(
    within(update!).queryByRole('rowheader', { name: 'display_name' }),
  ).not.toBeInTheDocument();

  expect(within(create!).getByRole('heading', { level: 3 })).toHaveTextContent(
    'Created pool',
  );
  expect(create).toHaveTextContent('Applied · HTTP 201');
  expect(changeRow(create!, 'display_name')).toHaveTextContent(
    `none (created)${pool.display_name}`,
  );
});

test('a change made in the console shows in History with before and after', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  await user.clear(name);
  await user.type(name, 'renamed-in-the-console');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'renamed-in-the-console',
    }),
  ).toBeInTheDocument();

  await user.click(screen.getByRole('tab', { name: 'History' }));
  await screen.findByRole('list', { name: 'Recorded changes' });
  const [update] = entries();
  expect(update).toHaveTextContent('Updated pool');
  const row = changeRow(update!, 'display_name');
  const [before, after] = within(row).getAllByRole('cell');
  expect(before).toHaveTextContent(pool.display_name);
  expect(after).toHaveTextContent('renamed-in-the-console');
});

test('test cases added and deleted are part of the pool’s history', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const testCase = await createTestCaseFor(okta, pool.id, 'payments service');
  const deleted = await fetch(
    new URL(
      `/api/lifeguard/providers/${okta}/pools/${pool.id}/test-cases/${testCase.id}`,
      window.location.href,
    ),
    { method: 'DELETE', headers: { 'x-lifeguard-csrf': '1' } },
  );
  expect(deleted.status).toBe(204);

  renderApp(`/providers/${okta}/pools/${pool.id}?tab=history`);
  await screen.findByRole('list', { name: 'Recorded changes' });
  const [removed, added, created] = entries();
  expect(removed).toHaveTextContent('Deleted test case');
  expect(changeRow(removed!, 'name')).toHaveTextContent(
    'payments servicenone (deleted)',
  );
  expect(added).toHaveTextContent('Added test case');
  expect(changeRow(added!, 'expected')).toHaveTextContent('match');
  expect(created).toHaveTextContent('Created pool');
});

test('Older entries pages back through a long history', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  for (let i = 1; i <= AUDIT_PAGE_SIZE; i += 1) {
    await updateTestPool(okta, pool.id, { description: `revision ${i}` });
  }

  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}?tab=history`);
  await screen.findByRole('list', { name: 'Recorded changes' });
  expect(entries()).toHaveLength(AUDIT_PAGE_SIZE);
  expect(entries()[0]).toHaveTextContent(`revision ${AUDIT_PAGE_SIZE}`);
  expect(screen.queryByText('Created pool')).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Older entries' }));
  expect(await screen.findByText('Created pool')).toBeInTheDocument();
  expect(entries()).toHaveLength(AUDIT_PAGE_SIZE + 1);
  expect(
    screen.queryByRole('button', { name: 'Older entries' }),
  ).not.toBeInTheDocument();
});

test('a refused write is in History as failed, with what was asked for', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  // Over the 300-character limit: the upstream answers 422.
  await updateTestPool(okta, pool.id, {
    filter: 'true || '.repeat(50) + 'true',
  });

  renderApp(`/providers/${okta}/pools/${pool.id}?tab=history`);
  await screen.findByRole('list', { name: 'Recorded changes' });
  const [failed] = entries();
  expect(failed).toHaveTextContent('Updated pool');
  expect(failed).toHaveTextContent('Failed · HTTP 422');
  expect(
    within(failed!).getByRole('table', {
      name: 'Requested changes (not applied)',
    }),
  ).toBeInTheDocument();
  expect(changeRow(failed!, 'filter')).toHaveTextContent('true || true');
  // Confluent's own reason, as it gave it.
  expect(failed).toHaveTextContent(/Why.*filter/);
});

test('a write Lifeguard refuses before sending it on is in History as refused, with the reason and the caller’s own request id', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const response = await fetch(
    new URL(
      `/api/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
      window.location.href,
    ),
    {
      method: 'PATCH',
      headers: {
        'x-lifeguard-csrf': '1',
        'content-type': 'application/json',
        'x-request-id': 'nightly-sync-42',
      },
      body: '{"filter": "claims.sub == ',
    },
  );
  expect(response.status).toBe(400);

  renderApp(`/providers/${okta}/pools/${pool.id}?tab=history`);
  await screen.findByRole('list', { name: 'Recorded changes' });
  const [refused] = entries();
  expect(refused).toHaveTextContent('Updated pool');
  expect(refused).toHaveTextContent('Refused · HTTP 400');
  expect(refused).toHaveTextContent('The request body is not valid JSON.');
  expect(refused).toHaveTextContent('client’s id nightly-sync-42');
  // What was asked for is not kept: it was never checked.
  expect(within(refused!).queryByRole('table')).not.toBeInTheDocument();
});

test('a pool with no recorded writes says so', async () => {
  const okta = await demoProviderId('okta.com');
  // The second demo pool: no test writes to it through the server.
  const list = await apiCall<{ data: { id: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=2`,
  );
  const poolId = list.data[1]!.id;
  const { user } = renderApp(`/providers/${okta}/pools/${poolId}`);
  const historyTab = await screen.findByRole('tab', { name: 'History' });
  // Keyboard: focus the tab list, then move along it with the arrow keys.
  await user.click(screen.getByRole('tab', { name: 'Details' }));
  await user.keyboard('{ArrowRight}');
  // Radix moves focus on the next tick; focus selects the tab.
  await waitFor(() => expect(historyTab).toHaveFocus());
  expect(historyTab).toHaveAttribute('aria-selected', 'true');
  expect(
    await screen.findByText('No changes to this pool have been recorded yet.'),
  ).toBeInTheDocument();
});
