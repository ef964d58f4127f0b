import {
  lazy,
  Suspense,
  useEffect,
  useEffectEvent,
  useRef,
  useState,
} from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { paths } from '@/config/paths.ts';
import {
  readShortcutsEnabled,
  saveShortcutsEnabled,
  SEARCH_SHORTCUT_ATTRIBUTE,
  shortcutFor,
  type ShortcutId,
} from '@/lib/shortcuts.ts';

// The page's own search box (a list's quick filter, the search page's box).
const SEARCH_FIELD = `[${SEARCH_SHORTCUT_ATTRIBUTE}]`;
// After `n` or `e`: the form's first field, to start typing at once.
const FIRST_FORM_FIELD =
  'main form input:not([type="hidden"]):not([disabled]), main form textarea:not([disabled])';
// How long a screen may take to show the field before the focus is dropped.
const FOCUS_WAIT_MS = 5_000;

/**
 * Focuses the first element matching `selector` once the screen shows it
 * (a route's data may still be loading). Gives up after a while, or as soon
 * as the user clicks or presses a key, so focus never jumps under them.
 * Returns the function that gives up.
 */
function focusWhenShown(selector: string): () => void {
  const tryFocus = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) return false;
    element.focus();
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(stop, FOCUS_WAIT_MS);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
    window.removeEventListener('pointerdown', stop, true);
    window.removeEventListener('keydown', stop, true);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  window.addEventListener('pointerdown', stop, true);
  window.addEventListener('keydown', stop, true);
  return stop;
}

const ShortcutsHelpDialog = lazy(async () => ({
  default: (await import('./shortcuts-help-dialog.tsx')).ShortcutsHelpDialog,
}));

/**
 * The single-key shortcuts (lib/shortcuts.ts) and their help dialog, opened
 * with `?` or the header's button.
 */
export function KeyboardShortcuts() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // While the help is open: where focus returns when it closes, the
  // trigger or what had focus before `?`.
  const [help, setHelp] = useState<{ returnFocusTo: Element | null }>();
  const [isEnabled, setIsEnabled] = useState(readShortcutsEnabled);
  const stopPendingFocus = useRef<() => void>(undefined);

  function go(href: string, focusSelector: string) {
    stopPendingFocus.current?.();
    void navigate(href);
    stopPendingFocus.current = focusWhenShown(focusSelector);
  }

  /** Does what `id` asks on this screen; false when it means nothing here. */
  function perform(id: ShortcutId): boolean {
    switch (id) {
      case 'help':
        setHelp({ returnFocusTo: document.activeElement });
        return true;
      case 'search': {
        const field = document.querySelector<HTMLElement>(SEARCH_FIELD);
        if (field) {
          field.focus();
          if (field instanceof HTMLInputElement) field.select();
          return true;
        }
        // No box here: the organisation-wide search has one.
        go(paths.search.getHref(), SEARCH_FIELD);
        return true;
      }
      case 'new-pool': {
        const provider = matchPath(
          { path: paths.provider.path, end: false },
          pathname,
        );
        const providerId = provider?.params.providerId;
        if (
          !providerId ||
          matchPath(paths.providerNew.path, pathname) ||
          matchPath(paths.poolNew.path, pathname)
        ) {
          return false;
        }
        go(paths.poolNew.getHref(providerId), FIRST_FORM_FIELD);
        return true;
      }
      case 'edit': {
        const pool = matchPath(paths.pool.path, pathname);
        const { providerId, poolId } = pool?.params ?? {};
        // `/pools/new` has the same shape as a pool's page.
        if (providerId && poolId && !matchPath(paths.poolNew.path, pathname)) {
          go(paths.poolEdit.getHref(providerId, poolId), FIRST_FORM_FIELD);
          return true;
        }
        const provider = matchPath(paths.providerDetail.path, pathname);
        if (provider?.params.providerId) {
          go(
            paths.providerEdit.getHref(provider.params.providerId),
            FIRST_FORM_FIELD,
          );
          return true;
        }
        return false;
      }
    }
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isEnabled) return;
    const id = shortcutFor(event);
    // Handled keys go no further: `/` must not also type into the box it
    // focuses.
    if (id !== undefined && perform(id)) event.preventDefault();
  });

  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      stopPendingFocus.current?.();
    };
  }, []);

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-keyshortcuts="?"
        aria-haspopup="dialog"
        aria-expanded={help !== undefined}
        onClick={(event) => setHelp({ returnFocusTo: event.currentTarget })}
      >
        Shortcuts
      </Button>
      {help && (
        <Suspense fallback={null}>
          <ShortcutsHelpDialog
            isEnabled={isEnabled}
            onEnabledChange={(enabled) => {
              setIsEnabled(enabled);
              saveShortcutsEnabled(enabled);
            }}
            onClose={() => setHelp(undefined)}
            returnFocusTo={help.returnFocusTo}
          />
        </Suspense>
      )}
    </>
  );
}
