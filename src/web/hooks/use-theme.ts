import { useLayoutEffect, useSyncExternalStore } from 'react';
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  saveThemePreference,
  subscribeToSystemTheme,
  subscribeToThemePreference,
  systemPrefersDark,
} from '@/lib/theme.ts';

/**
 * The user's theme choice and the theme it resolves to, kept on `<html>`
 * while mounted: a change of choice (here or in another tab) or of the
 * system's colours applies at once.
 */
export function useTheme() {
  const preference = useSyncExternalStore(
    subscribeToThemePreference,
    readThemePreference,
  );
  const isSystemDark = useSyncExternalStore(
    subscribeToSystemTheme,
    systemPrefersDark,
  );
  const theme = resolveTheme(preference, isSystemDark);
  // Before paint, so a switch never shows one frame of the old colours.
  useLayoutEffect(() => applyTheme(theme), [theme]);
  return { preference, theme, setPreference: saveThemePreference };
}
