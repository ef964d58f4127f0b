import { act, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { clickWhenReady } from '@/testing/click-when-ready.ts';
import { storedPoolDrafts } from '@/testing/drafts.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { LIFEGUARD_API } from '#contract/test-cases.ts';
import { apiCall, demoProviderId, injectFault } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import type { TestPool } from '@/testing/writes.ts';

startEachTestOnDemo();

type Pool = TestPool & { metadata: { updated_at: string } };

type FormValues = Omit<TestPool, 'id'>;

async function expectFormValues(values: FormValues) {
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    values.display_name,
  );
  expect(screen.getByLabelText('Description')).toHaveValue(values.description);
  expect(screen.getByLabelText('Identity claim')).toHaveValue(
    values.identity_claim,
  );
  await waitFor(async () =>
    expect((await filterField()).value()).toBe(values.filter),
  );
}

function fieldsOf(pool: Pool): FormValues {
  const { display_name, description, identity_claim, filter } = pool;
  return { display_name, description, identity_claim, filter };
}

async function firstOktaPool() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const pool = list.data[0]!;
  return {
    okta,
    pool,
    path: `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  };
}

test('the form starts from the pool, and Save waits for a change', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  expect(name).toHaveValue(pool.display_name);
  expect(screen.getByLabelText('Description')).toHaveValue(pool.description);
  expect(screen.getByLabelText('Identity claim')).toHaveValue(
    pool.identity_claim,
  );
  expect((await filterField()).value()).toBe(pool.filter);
  expect(document.title).toBe(`Edit ${pool.display_name} · Lifeguard`);

  const save = screen.getByRole('button', { name: 'Save changes' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription('No changes to save');

  await user.type(name, '!');
  expect(save).toBeEnabled();
  expect(screen.queryByText('No changes to save')).not.toBeInTheDocument();

  await user.type(name, '{Backspace}');
  expect(save).toBeDisabled();
});

test('saving sends only the changed field, and clears the draft', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user, router } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Edited here.');
  await waitFor(() => expect(storedPoolDrafts()).toHaveLength(1));
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(screen.getByText(`Saved ${pool.display_name}`)).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );
  expect(screen.getByText('Edited here.')).toBeInTheDocument();
  expect(await apiCall<Pool>('GET', path)).toMatchObject({
    ...fieldsOf(pool),
    description: 'Edited here.',
  });
  expect(storedPoolDrafts()).toEqual([]);
});

test('another writer’s change is shown side by side, and nothing is sent until “Save mine”', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Edited here.');
  const mine = 'claims.sub == "mine"';
  await (await filterField()).replace(mine);

  // Someone else saves the pool after this form opened it.
  const theirs = await apiCall<Pool>('PATCH', path, {
    display_name: 'renamed-elsewhere',
    filter: 'claims.sub == "theirs"',
  });
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const dialog = await screen.findByRole('alertdialog', {
    name: 'This pool was changed by someone else',
  });
  const rows = within(dialog).getAllByRole('row');
  expect(rows.map((row) => row.textContent)).toEqual([
    'FieldTheirs nowYours',
    `Display namerenamed-elsewhere${pool.display_name}Not changed by you: theirs is kept`,
    `Description${pool.description}Edited here.`,
    'Filterclaims.sub == "theirs"claims.sub == "mine"',
  ]);
  expect(dialog).toHaveTextContent(
    'Saving yours replaces their Description and Filter.',
  );
  expect(dialog).toHaveTextContent('Their Display name stays as they saved it');
  // Nothing was sent: the server still has their version, untouched.
  expect(await apiCall<Pool>('GET', path)).toEqual(theirs);

  await clickWhenReady(
    user,
    within(dialog).getByRole('button', { name: 'Save mine over theirs' }),
  );
  // The filter change is reviewed against the filter the server has now.
  const review = await screen.findByRole('alertdialog', {
    name: 'Save the new filter?',
  });
  expect(review).toHaveTextContent('Before');
  expect(review).toHaveTextContent('"theirs"');
  expect(await apiCall<Pool>('GET', path)).toEqual(theirs);
  await clickWhenReady(
    user,
    within(review).getByRole('button', { name: 'Save the new filter' }),
  );

  expect(
    await screen.findByRole('heading', { level: 1, name: 'renamed-elsewhere' }),
  ).toBeInTheDocument();
  expect(await apiCall<Pool>('GET', path)).toMatchObject({
    display_name: 'renamed-elsewhere',
    description: 'Edited here.',
    identity_claim: pool.identity_claim,
    filter: mine,
  });
  expect(storedPoolDrafts()).toEqual([]);
});

test('“Keep editing with theirs” loads their version and keeps mine as a draft to restore', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Mine.');
  const theirs = await apiCall<Pool>('PATCH', path, {
    description: 'Theirs.',
  });
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: 'This pool was changed by someone else',
  });
  expect(within(dialog).getAllByRole('row')[1]).toHaveTextContent(
    'DescriptionTheirs.Mine.',
  );
  await user.click(
    within(dialog).getByRole('button', { name: 'Keep editing with theirs' }),
  );

  // The form now edits their version: nothing changed yet, so nothing to save.
  await waitFor(() =>
    expect(screen.getByLabelText('Description')).toHaveValue('Theirs.'),
  );
  expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  expect(await apiCall<Pool>('GET', path)).toEqual(theirs);
  // Mine is kept, and offered back.
  expect(storedPoolDrafts()).toMatchObject([
    {
      scope: `pool:${okta}:${pool.id}`,
      data: {
        values: { ...fieldsOf(pool), description: 'Mine.' },
        base: { values: fieldsOf(pool) },
      },
    },
  ]);
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  expect(notice).toHaveAccessibleDescription(/The pool has changed/);

  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Description')).toHaveValue('Mine.');
  // Mine was made on the older version, so saving it asks again.
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  const again = await screen.findByRole('alertdialog', {
    name: 'This pool was changed by someone else',
  });
  await user.click(within(again).getByRole('button', { name: 'Cancel' }));
  expect(
    screen.queryByRole('alertdialog', {
      name: 'This pool was changed by someone else',
    }),
  ).not.toBeInTheDocument();
  expect(screen.getByLabelText('Description')).toHaveValue('Mine.');
  expect(await apiCall<Pool>('GET', path)).toEqual(theirs);
});

test('leaving a changed form asks first: Stay, keep a draft to come back to, or Discard', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await user.click(await screen.findByRole('link', { name: 'Edit' }));
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Half-written');

  const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
  await user.click(
    await within(crumbs).findByRole('link', { name: 'Acme Okta' }),
  );
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
  expect(
    screen.queryByRole('alertdialog', { name: 'Discard your changes?' }),
  ).not.toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  expect(screen.getByLabelText('Description')).toHaveValue('Half-written');

  // The browser's Back button goes through the same question.
  await act(() => router.navigate(-1));
  const again = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(
    within(again).getByRole('button', { name: 'Keep as draft' }),
  );
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );

  // Coming back offers the draft; the form itself shows the server's pool.
  await user.click(await screen.findByRole('link', { name: 'Edit' }));
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  expect(screen.getByLabelText('Description')).toHaveValue(pool.description);
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Description')).toHaveValue('Half-written');

  await user.click(
    within(screen.getByRole('navigation', { name: 'Breadcrumb' })).getByRole(
      'link',
      { name: pool.display_name },
    ),
  );
  const last = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(within(last).getByRole('button', { name: 'Discard' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(storedPoolDrafts()).toEqual([]);
  await user.click(await screen.findByRole('link', { name: 'Edit' }));
  await expectFormValues(fieldsOf(pool));
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
});

test('after a reload the draft is offered, and Restore brings back every field, the filter too', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const editPath = `/providers/${okta}/pools/${pool.id}/edit`;
  const first = renderApp(editPath);
  const name = await first.findByLabelText('Display name');
  await first.user.type(name, ' (draft)');
  await first.user.clear(first.getByLabelText('Description'));
  await first.user.type(first.getByLabelText('Description'), 'Drafted.');
  await first.user.clear(first.getByLabelText('Identity claim'));
  await first.user.type(first.getByLabelText('Identity claim'), 'claims.email');
  await (await filterField()).replace('claims.email.endsWith("@acme.example")');
  const drafted: FormValues = {
    display_name: `${pool.display_name} (draft)`,
    description: 'Drafted.',
    identity_claim: 'claims.email',
    filter: 'claims.email.endsWith("@acme.example")',
  };
  // Written while typing, so even a crash (no unmount, no pagehide) keeps it.
  await waitFor(() =>
    expect(storedPoolDrafts()).toMatchObject([
      {
        scope: `pool:${okta}:${pool.id}`,
        data: {
          values: drafted,
          base: {
            updatedAt: pool.metadata.updated_at,
            values: fieldsOf(pool),
          },
        },
      },
    ]),
  );

  // The reload: a new app, a new query cache, the same tab storage.
  first.unmount();
  const { user } = renderApp(editPath);
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  expect(notice).not.toHaveAccessibleDescription(/changed/);
  // Offered, not applied: the form shows what the server has.
  await expectFormValues(fieldsOf(pool));
  expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();

  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(notice).not.toBeInTheDocument();
  await expectFormValues(drafted);
  expect(screen.getByLabelText('Display name')).toHaveFocus();
  expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();

  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  await clickWhenReady(
    user,
    await screen.findByRole('button', { name: 'Save the new filter' }),
  );
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: drafted.display_name,
    }),
  ).toBeInTheDocument();
  expect(await apiCall<Pool>('GET', path)).toMatchObject(drafted);
  expect(storedPoolDrafts()).toEqual([]);
});

test('Discard removes the offered draft for good', async () => {
  const { okta, pool } = await firstOktaPool();
  const editPath = `/providers/${okta}/pools/${pool.id}/edit`;
  const first = renderApp(editPath);
  await first.user.type(await first.findByLabelText('Description'), ' more');
  first.unmount();
  expect(storedPoolDrafts()).toHaveLength(1);

  const second = renderApp(editPath);
  const notice = await screen.findByRole('status', {
    name: /You have unsaved changes/,
  });
  await second.user.click(
    within(notice).getByRole('button', { name: 'Discard' }),
  );
  expect(notice).not.toBeInTheDocument();
  expect(storedPoolDrafts()).toEqual([]);
  await expectFormValues(fieldsOf(pool));
  second.unmount();

  renderApp(editPath);
  await expectFormValues(fieldsOf(pool));
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
});

test('a draft equal to the pool, or unreadable, is not offered and is removed', async () => {
  const { okta, pool } = await firstOktaPool();
  const scope = `pool:${okta}:${pool.id}`;
  const envelope = (id: string, data: unknown) =>
    JSON.stringify({
      version: 2,
      id,
      owner: 'local',
      scope,
      savedAt: Date.now(),
      data,
    });
  sessionStorage.setItem(
    'lifeguard.draft.same',
    envelope('same', { values: fieldsOf(pool), base: null }),
  );
  sessionStorage.setItem(
    'lifeguard.draft.old-shape',
    envelope('old-shape', { name: 'from an older Lifeguard' }),
  );
  sessionStorage.setItem('lifeguard.draft.broken', '{"version":2,"id":');

  renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  await expectFormValues(fieldsOf(pool));
  await waitFor(() => expect(storedPoolDrafts()).toEqual([]));
  expect(Object.keys(sessionStorage)).toEqual([]);
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
});

test('a 500 on save keeps the values and the draft; the retry saves and clears it', async () => {
  const { okta, pool, path } = await firstOktaPool();
  await injectFault({
    match: { method: 'PATCH' },
    respond: { status: 500 },
    times: 1,
  });
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Survives a 500.');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Request id');
  expect(screen.getByLabelText('Description')).toHaveValue('Survives a 500.');
  expect(storedPoolDrafts()).toMatchObject([
    { data: { values: { description: 'Survives a 500.' } } },
  ]);
  expect((await apiCall<Pool>('GET', path)).description).toBe(pool.description);

  await user.click(within(alert).getByRole('button', { name: 'Retry' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect((await apiCall<Pool>('GET', path)).description).toBe(
    'Survives a 500.',
  );
  expect(storedPoolDrafts()).toEqual([]);
});

test('a 429 on save keeps the values; saving again once allowed succeeds', async () => {
  const { okta, pool, path } = await firstOktaPool();
  await injectFault({
    match: { method: 'PATCH' },
    respond: { status: 429, retryAfter: 1 },
    times: 1,
  });
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const editor = await filterField();
  await editor.replace('claims.sub == "after-429"');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  await clickWhenReady(
    user,
    await screen.findByRole('button', { name: 'Save the new filter' }),
  );

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'rate-limiting requests',
  );
  expect((await filterField()).value()).toBe('claims.sub == "after-429"');
  expect(storedPoolDrafts()).toMatchObject([
    { data: { values: { filter: 'claims.sub == "after-429"' } } },
  ]);
  expect((await apiCall<Pool>('GET', path)).filter).toBe(pool.filter);

  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  await clickWhenReady(
    user,
    await screen.findByRole('button', { name: 'Save the new filter' }),
  );
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect((await apiCall<Pool>('GET', path)).filter).toBe(
    'claims.sub == "after-429"',
  );
  expect(storedPoolDrafts()).toEqual([]);
});

test('an unchanged form leaves without asking', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  await screen.findByLabelText('Display name');
  await user.click(screen.getByRole('link', { name: 'Cancel' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );
});

test('a filter the browser’s checker refuses is shown at its field, not sent, and nothing is lost', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const editor = await filterField();
  const filter = editor.element;
  await editor.replace('claims.sub.matches("x")');
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  await waitFor(() =>
    expect(filter).toHaveAccessibleDescription(
      /This filter cannot be saved: matches\(\) is not supported in identity pool filters/,
    ),
  );
  // Neither reviewed nor sent: Confluent would refuse it anyway.
  expect(
    screen.queryByRole('alertdialog', { name: 'Save the new filter?' }),
  ).not.toBeInTheDocument();
  expect(requests.count('PATCH', /identity-pools\//)).toBe(0);
  expect(editor.value()).toBe('claims.sub.matches("x")');
  const stored = await apiCall<Pool>('GET', path);
  expect(stored.filter).toBe(pool.filter);
});

test('an unknown pool is a not-found with a way back to the provider', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/pool-gone/edit`);
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Identity Pool pool-gone not found');
  expect(
    within(alert).getByRole('link', { name: 'Back to the provider’s pools' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
});

test('a viewer who opens the form by its address is told why instead', async () => {
  const { okta, pool } = await firstOktaPool();
  renderApp(`/providers/${okta}/pools/${pool.id}/edit`, {
    session: VIEWER_SESSION,
  });
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('You cannot edit pools');
  expect(alert).toHaveTextContent(VIEWER_WRITE_REASON);
  expect(
    within(alert).getByRole('link', { name: 'Back to the pool' }),
  ).toHaveAttribute('href', `/providers/${okta}/pools/${pool.id}`);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: `Edit ${pool.display_name}`,
    }),
  ).toBeInTheDocument();
});

test('renaming a pool to a name its provider already uses warns; its own name does not', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  expect(name).toHaveValue(pool.display_name);
  // The walk over the provider's pools has run once it warns about others.
  await user.clear(name);
  await user.type(name, 'fraud-dev-scoring-stream');
  expect(
    await screen.findByText(
      /2 other pools of this provider are already called “fraud-dev-scoring-stream”/,
    ),
  ).toBeInTheDocument();
  await user.clear(name);
  await user.type(name, pool.display_name);
  expect(screen.queryByText(/already called/)).not.toBeInTheDocument();
});

test('the filter change review says what access a flipped test token loses', async () => {
  const google = await demoProviderId('accounts.google.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${google}/identity-pools?page_size=100`,
  );
  const pool = list.data.find(
    (each) => each.display_name === 'ingest-gke-prod',
  )!;
  await apiCall(
    'POST',
    LIFEGUARD_API.testCases(google, pool.id).replace(/^\/api/, ''),
    {
      name: 'ingest job',
      expected: 'match',
      claims: {
        aud: 'https://kafka.acme.example',
        email: 'ingest@acme-data.iam.gserviceaccount.com',
      },
    },
  );
  const { user } = renderApp(`/providers/${google}/pools/${pool.id}/edit`);
  await (
    await filterField()
  ).replace(
    'claims.aud == "https://kafka.acme.example" && claims.email == "x@y"',
  );
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  const review = await screen.findByRole('alertdialog', {
    name: 'Save the new filter?',
  });
  expect(
    await within(review).findByText(/no longer landing in this pool/),
  ).toHaveTextContent(/^Access removed for ingest job, no longer landing/);
  const access = within(review).getByRole('list', {
    name: 'Access the change adds or removes',
  });
  expect(access).toHaveTextContent(
    /DeveloperWrite on topics "ingest\.\*" in cluster orders-prod \(lkc-\w+\)/,
  );
  expect(access).toHaveTextContent(/DeveloperWrite on subjects "ingest\.\*"/);
});
