import { onTestFinished, vi } from 'vitest';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * jsdom has no matchMedia: this stands in for the system's colour scheme
 * for the rest of the test, and `setDark` switches it as the OS would,
 * telling every listener.
 */
export function stubSystemColorScheme(initial: 'light' | 'dark') {
  let isDark = initial === 'dark';
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  function matchMedia(query: string): MediaQueryList {
    const list = {
      media: query,
      get matches() {
        return query === DARK_QUERY && isDark;
      },
      onchange: null,
      addEventListener: (
        _type: string,
        listener: (event: MediaQueryListEvent) => void,
      ) => listeners.add(listener),
      removeEventListener: (
        _type: string,
        listener: (event: MediaQueryListEvent) => void,
      ) => listeners.delete(listener),
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => true,
    };
    return list as unknown as MediaQueryList;
  }
  // Both, as window is not globalThis under jsdom: the app reads
  // window.matchMedia, public/theme.js the bare global.
  vi.stubGlobal('matchMedia', matchMedia);
  const previous = Object.getOwnPropertyDescriptor(window, 'matchMedia');
  Object.defineProperty(window, 'matchMedia', {
    value: matchMedia,
    configurable: true,
    writable: true,
  });
  onTestFinished(() => {
    vi.unstubAllGlobals();
    if (previous) Object.defineProperty(window, 'matchMedia', previous);
    else Reflect.deleteProperty(window, 'matchMedia');
  });
  return {
    setDark(next: boolean) {
      isDark = next;
      const event = { matches: next, media: DARK_QUERY };
      for (const listener of [...listeners]) {
        listener(event as MediaQueryListEvent);
      }
    },
    /** How many listeners wait for a change now. */
    listenerCount: () => listeners.size,
  };
}
