import { expect, expectAccessible, test } from './fixtures.ts';

test('write a filter: diagnostic at the right place, fix it, build with the builder, test a token, save', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}/pools/new`);
  await page.getByLabel('Display name').fill('editor-journey');
  const editor = page.getByRole('textbox', { name: 'Filter', exact: true });
  // The CodeMirror chunk, not the textarea that stands in while it loads.
  await expect(page.locator('.cm-content[aria-label="Filter"]')).toBeVisible();
  await editor.click();
  await page.keyboard.type('claims.sub.matches("svc-")');

  // The subset error is listed with its character range and underlined.
  const diagnostics = page.getByRole('list', { name: 'Filter diagnostics' });
  const source = 'claims.sub.matches("svc-")';
  const from = source.indexOf('matches') + 1;
  await expect(diagnostics).toContainText(
    `Error, characters ${from}–${source.length}`,
  );
  await expect(diagnostics).toContainText('matches()');
  await expect(page.locator('.cm-lintRange-error')).toHaveText(
    'matches("svc-")',
  );
  await expectAccessible(page);

  // Fix it by hand: startsWith is supported.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('claims.aud == "kafka"');
  await expect(diagnostics.getByText(/^Error/)).toHaveCount(0);

  // Add a condition with the guided builder; the text follows.
  await page.getByRole('button', { name: 'Builder' }).click();
  const conditions = page.getByRole('group', { name: 'Filter conditions' });
  await expect(page.getByRole('group', { name: 'Condition 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Add condition' }).click();
  const second = page.getByRole('group', { name: 'Condition 2' });
  await second.getByRole('combobox', { name: /Claim/ }).fill('sub');
  await second.getByRole('combobox', { name: /Operator/ }).click();
  await page.getByRole('option', { name: 'starts with', exact: true }).click();
  await second.getByRole('textbox', { name: /Value/ }).fill('svc-');
  await expect(conditions).toBeVisible();
  await page.getByRole('button', { name: 'Text' }).click();
  await expect(editor).toHaveText(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  );

  // Test it against a pasted token.
  await page
    .getByLabel('Token or claims')
    .fill('{"sub": "svc-orders", "aud": "kafka"}');
  await expect(page.getByText('This token matches the filter.')).toBeVisible();

  await page.getByRole('button', { name: 'Create pool' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'editor-journey',
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    page.getByText('claims.aud == "kafka" && claims.sub.startsWith("svc-")'),
  ).toBeVisible();
});

test('a template fills the filter and identity claim, asking before replacing', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}/pools/new`);
  const editor = page.getByRole('textbox', { name: 'Filter', exact: true });
  // The CodeMirror chunk, not the textarea that stands in while it loads.
  await expect(page.locator('.cm-content[aria-label="Filter"]')).toBeVisible();
  await editor.click();
  await page.keyboard.type('true');
  await page
    .getByLabel('Start from a template')
    .selectOption({ label: 'Okta: members of a group' });
  await page.getByRole('button', { name: 'Use template' }).click();
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await expect(editor).toHaveText('true');
  await page.getByRole('button', { name: 'Use template' }).click();
  await page.getByRole('button', { name: 'Replace' }).click();
  await expect(editor).toHaveText(
    'claims.aud == "<api://your-audience>" && "<group-name>" in claims.groups',
  );
  await expect(page.getByLabel('Identity claim')).toHaveValue('claims.sub');
});
