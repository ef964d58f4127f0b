/**
 * Where the theme toggle's choice is kept. public/theme.js reads the same key
 * before the first paint; keep the two in step (theme.test.ts checks).
 */
export const THEME_STORAGE_KEY = 'lifeguard.theme';

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;

/** What the user chose: follow the system, or always one theme. */
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/** What the page shows. */
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Access itself throws when the browser blocks site data.
    return undefined;
  }
}

function darkQuery(): MediaQueryList | undefined {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia(DARK_QUERY)
    : undefined;
}

/** The saved choice; anything unreadable or missing means 'system'. */
export function readThemePreference(): ThemePreference {
  let saved: string | null | undefined;
  try {
    saved = storage()?.getItem(THEME_STORAGE_KEY);
  } catch {
    saved = undefined;
  }
  return (
    THEME_PREFERENCES.find((preference) => preference === saved) ?? 'system'
  );
}

/** Whether the system asks for dark colours (false where it cannot say). */
export function systemPrefersDark(): boolean {
  return darkQuery()?.matches ?? false;
}

export function resolveTheme(
  preference: ThemePreference,
  isSystemDark: boolean,
): Theme {
  if (preference === 'system') return isSystemDark ? 'dark' : 'light';
  return preference;
}

/** Shows `theme`: the stylesheet keys every colour to `<html data-theme>`. */
export function applyTheme(theme: Theme, root = document.documentElement) {
  if (root.dataset.theme !== theme) root.dataset.theme = theme;
}

const preferenceListeners = new Set<() => void>();

/**
 * Saves the choice (removing the key for 'system', so a later change of the
 * default reaches users who never chose) and tells every subscriber.
 */
export function saveThemePreference(preference: ThemePreference) {
  try {
    if (preference === 'system') storage()?.removeItem(THEME_STORAGE_KEY);
    else storage()?.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not remembered (storage full or blocked); it still applies now.
  }
  for (const listener of preferenceListeners) listener();
}

/**
 * Calls `listener` when the saved choice changes, here or in another tab.
 * Returns the unsubscribe function (for useSyncExternalStore).
 */
export function subscribeToThemePreference(listener: () => void) {
  function onStorage(event: StorageEvent) {
    if (event.key === THEME_STORAGE_KEY || event.key === null) listener();
  }
  preferenceListeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    preferenceListeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Calls `listener` when the system switches between light and dark. */
export function subscribeToSystemTheme(listener: () => void) {
  const query = darkQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}
