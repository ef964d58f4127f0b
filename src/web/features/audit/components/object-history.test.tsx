import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { apiCall, resetEmulator } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

// The history of objects other than identity pools (ObjectHistory, composed
// by their screens), and the organisation's log linking each kind of entry
// to its own screen. Writes go through the test server's /api, which
// records them.

beforeEach(() => resetEmulator('demo'));

type Mapping = { id: string; display_name: string; principal: string };

async function auditedMapping() {
  const mapping = await apiCall<Mapping>('POST', '/iam/v2/sso/group-mappings', {
    display_name: `audited-mapping-${Date.now().toString(36)}`,
    description: 'Made by a component test.',
    filter: '"auditors" in groups',
  });
  await apiCall('PATCH', `/iam/v2/sso/group-mappings/${mapping.id}`, {
    filter: '"auditors" in groups || "sre" in groups',
  });
  const organization = await apiCall<{ data: { id: string }[] }>(
    'GET',
    '/org/v2/organizations',
  );
  await apiCall('POST', '/iam/v2/role-bindings', {
    principal: `User:${mapping.principal}`,
    role_name: 'MetricsViewer',
    crn_pattern: `crn://confluent.cloud/organization=${organization.data[0]!.id}`,
  });
  return mapping;
}

function entries() {
  return within(
    screen.getByRole('list', { name: 'Recorded changes' }),
  ).getAllByRole('listitem');
}

test('a group mapping’s History: its grant, update and create, newest first, each labelled; open to a viewer', async () => {
  const mapping = await auditedMapping();
  renderApp(`/group-mappings/${mapping.id}?tab=history`, {
    session: VIEWER_SESSION,
  });
  await screen.findByRole('list', { name: 'Recorded changes' });
  const headings = entries().map(
    (entry) => within(entry).getByRole('heading', { level: 3 }).textContent,
  );
  expect(headings).toEqual([
    'Granted a role',
    'Updated group mapping',
    'Created group mapping',
  ]);
  const [, update] = entries();
  const filterRow = within(update!)
    .getByRole('rowheader', { name: 'filter' })
    .closest('tr')!;
  expect(filterRow).toHaveTextContent('"auditors" in groups');
  expect(filterRow).toHaveTextContent(
    '"auditors" in groups || "sre" in groups',
  );
});

test('the audit log links a group mapping’s entries, its grants included, to the mapping’s screen', async () => {
  const mapping = await auditedMapping();
  renderApp(`/audit?pool_id=${mapping.id}`);
  const table = await screen.findByRole('table', {
    name: 'Audit log entries, newest first',
  });
  await screen.findByText('3 entries shown');
  const rows = [
    ...table.querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr'),
  ];
  expect(rows.map((row) => row.cells[2]!.textContent)).toEqual([
    'Granted a role',
    'Updated group mapping',
    'Created group mapping',
  ]);
  for (const row of rows) {
    const link = await within(row).findByRole('link', {
      name: `${mapping.display_name} ${mapping.id}`,
    });
    expect(link).toHaveAttribute(
      'href',
      `/group-mappings/${mapping.id}?tab=history`,
    );
    expect(row).toHaveTextContent('group mapping');
  }
});

test('the audit log links a certificate pool to its authority’s screens, and names the authority', async () => {
  const authorities = await apiCall<{
    data: { id: string; display_name: string }[];
  }>('GET', '/iam/v2/certificate-authorities?page_size=100');
  const authority = authorities.data[0]!;
  const pool = await apiCall<{ id: string; display_name: string }>(
    'POST',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools`,
    {
      display_name: `audited-cert-pool-${Date.now().toString(36)}`,
      description: 'Made by a component test.',
      external_identifier: 'CN',
      filter: "O == 'Acme' && CN == 'audited'",
    },
  );
  renderApp(`/audit?pool_id=${pool.id}`);
  const table = await screen.findByRole('table', {
    name: 'Audit log entries, newest first',
  });
  const label = await within(table).findByText('Created certificate pool');
  const row = label.closest('tr')!;
  expect(
    await within(row).findByRole('link', {
      name: `${pool.display_name} ${pool.id}`,
    }),
  ).toHaveAttribute(
    'href',
    `/certificate-authorities/${authority.id}/pools/${pool.id}?tab=history`,
  );
  expect(
    await within(row).findByRole('link', {
      name: `${authority.display_name} ${authority.id}`,
    }),
  ).toHaveAttribute('href', `/certificate-authorities/${authority.id}`);
});
