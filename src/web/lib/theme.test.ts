import { afterEach, beforeEach, expect, test } from 'vitest';
import { stubSystemColorScheme } from '@/testing/color-scheme.ts';
import themeScript from '../../../public/theme.js?raw';
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  saveThemePreference,
  subscribeToThemePreference,
  THEME_PREFERENCES,
  THEME_STORAGE_KEY,
} from './theme.ts';

beforeEach(() => localStorage.clear());
afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

test('system follows the system; light and dark are fixed', () => {
  expect(resolveTheme('system', false)).toBe('light');
  expect(resolveTheme('system', true)).toBe('dark');
  expect(resolveTheme('light', true)).toBe('light');
  expect(resolveTheme('dark', false)).toBe('dark');
});

test('the choice is remembered; system clears it; anything else reads as system', () => {
  expect(readThemePreference()).toBe('system');
  saveThemePreference('dark');
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  expect(readThemePreference()).toBe('dark');
  saveThemePreference('system');
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  localStorage.setItem(THEME_STORAGE_KEY, 'purple');
  expect(readThemePreference()).toBe('system');
});

test('subscribers hear a choice made here and one made in another tab', () => {
  let calls = 0;
  const unsubscribe = subscribeToThemePreference(() => (calls += 1));
  saveThemePreference('light');
  expect(calls).toBe(1);
  window.dispatchEvent(
    new StorageEvent('storage', { key: THEME_STORAGE_KEY, newValue: 'dark' }),
  );
  expect(calls).toBe(2);
  window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated' }));
  expect(calls).toBe(2);
  unsubscribe();
  saveThemePreference('dark');
  expect(calls).toBe(2);
});

test('applyTheme sets <html data-theme>', () => {
  applyTheme('dark');
  expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  applyTheme('light');
  expect(document.documentElement).toHaveAttribute('data-theme', 'light');
});

// public/theme.js runs before the app, outside the bundle: it must reach
// the same theme as the app for every saved choice and system setting.
test('public/theme.js picks the theme the app would', () => {
  const system = stubSystemColorScheme('light');
  // The file as the browser runs it, as a classic script.
  const runThemeScript = new Function(themeScript);
  for (const saved of [...THEME_PREFERENCES, undefined, 'nonsense']) {
    for (const isSystemDark of [false, true]) {
      localStorage.clear();
      if (saved !== undefined) localStorage.setItem(THEME_STORAGE_KEY, saved);
      system.setDark(isSystemDark);
      delete document.documentElement.dataset.theme;
      runThemeScript();
      expect(
        document.documentElement.dataset.theme,
        `saved ${saved}, system ${isSystemDark ? 'dark' : 'light'}`,
      ).toBe(resolveTheme(readThemePreference(), isSystemDark));
    }
  }
});
