import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { GROUP_MAPPING_DRAFT_PREFIX } from '@/features/group-mappings/drafts.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall, injectFault } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

startEachTestOnDemo();

type Mapping = {
  id: string;
  display_name: string;
  description: string;
  filter: string;
};

/** Types into the Filter editor (CodeMirror, once loaded); returns it. */
async function typeFilter(text: string) {
  const editor = await filterField();
  editor.type(text);
  return editor;
}

function storedDrafts() {
  return Object.keys(sessionStorage)
    .filter((key) => key.startsWith(GROUP_MAPPING_DRAFT_PREFIX))
    .map(
      (key) =>
        JSON.parse(sessionStorage.getItem(key)!) as {
          scope: string;
          data: { values: Omit<Mapping, 'id'> };
        },
    );
}

test('creating a mapping lands on its page and stores the filter exactly as typed, with an empty description', async () => {
  const { user, router } = renderApp('/group-mappings/new');
  // Two spaces: the filter must reach the API byte for byte.
  const filter = '"kafka-admins" in groups &&  "engineering" in groups';
  await user.type(await screen.findByLabelText('Display name'), 'Kafka admins');
  await typeFilter(filter);
  expect(
    screen.getByText(`${filter.length} / 300 characters`),
  ).toBeInTheDocument();
  await user.click(
    screen.getByRole('button', { name: 'Create group mapping' }),
  );

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Kafka admins' }),
  ).toBeInTheDocument();
  expect(await screen.findByText('Created Kafka admins')).toBeInTheDocument();
  const id = router.state.location.pathname.split('/').at(-1)!;
  expect(id).toMatch(/^group-/);
  const stored = await apiCall<Mapping>(
    'GET',
    `/iam/v2/sso/group-mappings/${id}`,
  );
  expect(stored).toMatchObject({
    display_name: 'Kafka admins',
    description: '',
    filter,
  });
  expect(storedDrafts()).toEqual([]);
});

test('a filter the browser’s checker refuses is not sent: the error shows at the Filter, keeping every value', async () => {
  const { user } = renderApp('/group-mappings/new');
  const name = await screen.findByLabelText('Display name');
  await user.type(name, 'claims-mapping');
  await user.type(screen.getByLabelText('Description'), 'Kept.');
  const editor = await typeFilter('claims.sub == "x"');
  const requests = spyOnFetch();
  await user.click(
    screen.getByRole('button', { name: 'Create group mapping' }),
  );

  await waitFor(() =>
    expect(editor.element).toHaveAccessibleDescription(
      /This filter cannot be saved: Group mapping filters use groups, not claims/,
    ),
  );
  expect(editor.element).toHaveAttribute('aria-invalid', 'true');
  expect(requests.count('POST', /group-mappings$/)).toBe(0);
  expect(editor.value()).toBe('claims.sub == "x"');
  expect(name).toHaveValue('claims-mapping');
  expect(screen.getByLabelText('Description')).toHaveValue('Kept.');
});

test('a filter the server refuses lands on the Filter field, and nothing typed is lost', async () => {
  const { user } = renderApp('/group-mappings/new');
  const name = await screen.findByLabelText('Display name');
  await user.type(name, 'long-filter');
  const long = `"${'x'.repeat(290)}" in groups`;
  expect(long.length).toBeGreaterThan(300);
  const editor = await typeFilter(long);
  // The limit can be raised per organisation: a warning, not a refusal.
  expect(
    screen.getByText(`${long.length} / 300 characters`),
  ).toBeInTheDocument();
  await user.click(
    screen.getByRole('button', { name: 'Create group mapping' }),
  );

  await waitFor(() =>
    expect(editor.element).toHaveAttribute('aria-invalid', 'true'),
  );
  expect(editor.element).toHaveAccessibleDescription(/300/);
  expect(editor.element).toHaveFocus();
  expect(editor.value()).toBe(long);
  expect(name).toHaveValue('long-filter');
  expect(
    screen.queryByRole('heading', { level: 1, name: 'long-filter' }),
  ).not.toBeInTheDocument();
});

test('a refused save keeps a draft, offered back when the form is opened again', async () => {
  await injectFault({
    match: { method: 'POST', path: '/iam/v2/sso/group-mappings' },
    respond: { status: 402 },
    times: 1,
  });
  const first = renderApp('/group-mappings/new');
  await first.user.type(
    await screen.findByLabelText('Display name'),
    'one-more',
  );
  await typeFilter('"ops" in groups');
  await first.user.click(
    screen.getByRole('button', { name: 'Create group mapping' }),
  );
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'A Confluent quota was reached',
  );
  expect(screen.getByLabelText('Display name')).toHaveValue('one-more');
  expect(storedDrafts()).toMatchObject([
    {
      scope: 'group-mapping:new',
      data: { values: { display_name: 'one-more', filter: '"ops" in groups' } },
    },
  ]);
  first.unmount();

  // A reload: the form starts empty and offers the draft.
  const { user } = renderApp('/group-mappings/new');
  const notice = await screen.findByRole('status', {
    name: /You have unsaved changes from/,
  });
  expect(screen.getByLabelText('Display name')).toHaveValue('');
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('one-more');
  expect((await filterField()).value()).toBe('"ops" in groups');
  await user.click(
    screen.getByRole('button', { name: 'Create group mapping' }),
  );
  expect(
    await screen.findByRole('heading', { level: 1, name: 'one-more' }),
  ).toBeInTheDocument();
  expect(storedDrafts()).toEqual([]);
});

test('a filter that maps every SSO user is warned about as it is typed', async () => {
  renderApp('/group-mappings/new');
  const editor = await typeFilter('"eng" in groups || true');
  expect(
    await screen.findByText(
      'This filter maps every SSO user of the organisation.',
    ),
  ).toBeInTheDocument();
  expect(editor.element).toHaveAccessibleDescription(
    /This filter maps every SSO user of the organisation/,
  );
});

test('a copy starts from the mapping’s fields under a new name', async () => {
  const list = await apiCall<{ data: Mapping[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=100',
  );
  const source = list.data.find((m) => m.display_name === 'SRE on call')!;
  renderApp(`/group-mappings/new?copy_of=${source.id}`);
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    'SRE on call (copy)',
  );
  expect(screen.getByLabelText('Description')).toHaveValue(source.description);
  expect((await filterField()).value()).toBe(source.filter);
  expect(
    screen.getByText(/Its role bindings are not copied/),
  ).toBeInTheDocument();
});

test('a viewer is told they cannot create mappings', async () => {
  renderApp('/group-mappings/new', { session: VIEWER_SESSION });
  expect(
    await screen.findByText('You cannot create group mappings'),
  ).toBeInTheDocument();
  expect(screen.getByText(VIEWER_WRITE_REASON)).toBeInTheDocument();
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
});

test('a template fills the filter in the group-mapping dialect', async () => {
  const { user } = renderApp('/group-mappings/new');
  await user.selectOptions(
    await screen.findByLabelText('Start from a template'),
    'Members of one group',
  );
  await user.click(screen.getByRole('button', { name: 'Use template' }));
  expect((await filterField()).value()).toBe('"<group-name>" in groups');
});
