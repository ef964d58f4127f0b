import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { expect, test } from 'vitest';
import { ResourceScreen } from './resource-screen.tsx';

const CRUMBS = [
  { label: 'Identity providers', href: '/' },
  { label: 'Acme Okta', href: '/providers/op-1' },
];

function renderScreen(props: Partial<Parameters<typeof ResourceScreen>[0]>) {
  return render(
    <MemoryRouter>
      <ResourceScreen crumbs={CRUMBS} title="Acme Okta" {...props}>
        <p>The screen</p>
      </ResourceScreen>
    </MemoryRouter>,
  );
}

function crumbs() {
  return screen
    .getAllByRole('listitem')
    .map((item) => item.textContent?.replace('›', ''));
}

test('the crumbs, then the heading with what goes under and beside it, then the screen', () => {
  renderScreen({
    subtitle: <p>https://acme.okta.com</p>,
    actions: <button type="button">Edit</button>,
  });
  expect(crumbs()).toEqual(['Identity providers', 'Acme Okta']);
  // The last crumb is the page itself, even when given a link.
  expect(screen.getByText('Acme Okta', { selector: 'span' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  expect(
    screen.getByRole('heading', { level: 1, name: 'Acme Okta' }),
  ).toBeInTheDocument();
  expect(screen.getByText('https://acme.okta.com')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
  expect(screen.getByText('The screen')).toBeInTheDocument();
});

test('while the record loads the heading is a placeholder that still reads as one', () => {
  renderScreen({ title: undefined });
  expect(
    screen.getByRole('heading', { level: 1, name: 'Loading…' }),
  ).toBeInTheDocument();
  expect(screen.getByText('The screen')).toBeInTheDocument();
});

test('a failure replaces actions and screen under a heading naming what was asked for, and keeps the way back', () => {
  renderScreen({
    title: undefined,
    failure: <h2>Not found</h2>,
    actions: <button type="button">Edit</button>,
  });
  expect(crumbs()).toEqual(['Identity providers', 'Acme Okta']);
  expect(
    screen.getByRole('link', { name: 'Identity providers' }),
  ).toHaveAttribute('href', '/');
  // A screen keeps one level-one heading (axe: page-has-heading-one).
  expect(
    screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent),
  ).toEqual(['Acme Okta']);
  expect(
    screen.getByRole('heading', { level: 2, name: 'Not found' }),
  ).toBeInTheDocument();
  expect(screen.queryByRole('button')).not.toBeInTheDocument();
  expect(screen.queryByText('The screen')).not.toBeInTheDocument();
});
