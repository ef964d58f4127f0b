import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { THEME_STORAGE_KEY } from '@/lib/theme.ts';
import { stubSystemColorScheme } from '@/testing/color-scheme.ts';
import { resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(async () => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  await resetEmulator('demo');
});

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

const html = () => document.documentElement;

async function themeToggle() {
  return within(await screen.findByRole('group', { name: 'Theme' }));
}

test('by default the page follows the system, and follows it when it changes', async () => {
  const system = stubSystemColorScheme('dark');
  renderApp('/');
  const toggle = await themeToggle();
  expect(toggle.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(html()).toHaveAttribute('data-theme', 'dark');

  act(() => system.setDark(false));
  await waitFor(() => expect(html()).toHaveAttribute('data-theme', 'light'));
  act(() => system.setDark(true));
  await waitFor(() => expect(html()).toHaveAttribute('data-theme', 'dark'));
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
});

test('a chosen theme applies at once, ignores the system and is remembered', async () => {
  const system = stubSystemColorScheme('light');
  const first = renderApp('/');
  const toggle = await themeToggle();
  expect(html()).toHaveAttribute('data-theme', 'light');

  await first.user.click(toggle.getByRole('radio', { name: 'Dark' }));
  expect(html()).toHaveAttribute('data-theme', 'dark');
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  act(() => system.setDark(false));
  expect(html()).toHaveAttribute('data-theme', 'dark');

  // A new page load: the choice is read back.
  first.unmount();
  delete html().dataset.theme;
  const second = renderApp('/');
  const again = await themeToggle();
  expect(again.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(html()).toHaveAttribute('data-theme', 'dark');

  // Back to the system's, which is light now.
  await second.user.click(again.getByRole('radio', { name: 'System' }));
  expect(html()).toHaveAttribute('data-theme', 'light');
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
});

test('the toggle is a radio group the arrow keys move through', async () => {
  stubSystemColorScheme('light');
  const { user } = renderApp('/');
  const toggle = await themeToggle();
  const system = toggle.getByRole('radio', { name: 'System' });
  await user.click(system);
  await user.keyboard('{ArrowRight}');
  expect(toggle.getByRole('radio', { name: 'Light' })).toBeChecked();
  await user.keyboard('{ArrowRight}');
  expect(toggle.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(html()).toHaveAttribute('data-theme', 'dark');
});

test('a choice made in another tab applies here too', async () => {
  stubSystemColorScheme('light');
  renderApp('/');
  const toggle = await themeToggle();
  localStorage.setItem(THEME_STORAGE_KEY, 'dark');
  act(() => {
    window.dispatchEvent(
      new StorageEvent('storage', { key: THEME_STORAGE_KEY, newValue: 'dark' }),
    );
  });
  await waitFor(() => expect(html()).toHaveAttribute('data-theme', 'dark'));
  expect(toggle.getByRole('radio', { name: 'Dark' })).toBeChecked();
});
