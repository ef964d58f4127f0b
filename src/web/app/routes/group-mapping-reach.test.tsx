import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

test('a group list reaches every mapping whose filter it satisfies, with the roles they add up to', async () => {
  const { user } = renderApp('/group-mappings/reach');
  expect(
    await screen.findByText(/The organization has 4 group mappings/),
  ).toBeInTheDocument();
  await user.click(screen.getByLabelText('SSO groups of a user'));
  await user.paste('analysts, sre');

  expect(
    await screen.findByRole('heading', {
      name: '3 of 4 group mappings apply',
    }),
  ).toBeInTheDocument();
  const applying = screen.getByRole('list', {
    name: 'Group mappings that apply',
  });
  expect(
    within(applying)
      .getAllByRole('link')
      .map((link) => link.textContent)
      .sort(),
  ).toEqual(['Data analysts', 'Everyone', 'SRE on call']);

  // The access feature adds up their role bindings.
  expect(
    await screen.findByRole('heading', {
      name: 'What users with these groups may do',
    }),
  ).toBeInTheDocument();
  expect(
    await screen.findByText('Operator', undefined, { timeout: 5000 }),
  ).toBeInTheDocument();
});

test('a user in no group still gets the mapping for everyone', async () => {
  const { user } = renderApp('/group-mappings/reach');
  await screen.findByText(/The organization has 4 group mappings/);
  await user.click(screen.getByLabelText('SSO groups of a user'));
  await user.paste('[]');
  expect(
    await screen.findByRole('heading', { name: '1 of 4 group mappings apply' }),
  ).toBeInTheDocument();
  expect(
    within(
      screen.getByRole('list', { name: 'Group mappings that apply' }),
    ).getByRole('link'),
  ).toHaveTextContent('Everyone');
});
