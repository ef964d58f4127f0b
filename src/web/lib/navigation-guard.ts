import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useSyncExternalStore,
} from 'react';
import {
  UNSAFE_createBrowserHistory,
  UNSAFE_createMemoryHistory,
  type Location,
  type Path,
} from 'react-router';

type History = ReturnType<typeof UNSAFE_createBrowserHistory>;

/**
 * Asked before every in-app navigation while a screen has set it (Back and
 * Forward included); `true` holds the navigation back until the user decides.
 */
export type LeaveCheck = (current: Location, next: Path) => boolean;

/** A navigation held back by a {@link LeaveCheck}. */
export type HeldNavigation = {
  /** Goes where the user was going, without asking again. */
  proceed(): void;
  /** Stays here. */
  reset(): void;
};

/**
 * React Router's history with a leave check: what its data router's
 * `useBlocker` does, for the declarative router (see
 * docs/decisions/012-declarative-router-and-first-screen-budget.md). Pushes
 * and replaces that the check refuses are not made; a refused Back/Forward is
 * undone with the opposite `go` and made again on `proceed`.
 */
export type GuardedHistory = History & {
  /** Sets the check (one at a time); returns its removal. */
  guard(check: LeaveCheck): () => void;
  /** Notified when a navigation is held back or released. */
  subscribe(onChange: () => void): () => void;
  held(): HeldNavigation | null;
};

export function guardHistory(base: History): GuardedHistory {
  let check: LeaveCheck | null = null;
  let held: HeldNavigation | null = null;
  let current = base.location;
  // The pop that undoes a refused Back/Forward, and the one that redoes it.
  let isUndoingPop = false;
  let isAllowedPop = false;
  const subscribers = new Set<() => void>();

  function setHeld(next: HeldNavigation | null) {
    held = next;
    subscribers.forEach((notify) => notify());
  }
  function hold(go: () => void) {
    setHeld({
      proceed() {
        setHeld(null);
        go();
      },
      reset() {
        setHeld(null);
      },
    });
  }
  function isRefused(next: Path) {
    return check !== null && check(current, next);
  }

  return {
    get action() {
      return base.action;
    },
    get location() {
      return base.location;
    },
    createHref: (to) => base.createHref(to),
    createURL: (to) => base.createURL(to),
    encodeLocation: (to) => base.encodeLocation(to),
    go: (delta) => base.go(delta),
    push(to, state) {
      if (isRefused(base.encodeLocation(to))) {
        hold(() => base.push(to, state));
      } else {
        base.push(to, state);
      }
    },
    replace(to, state) {
      if (isRefused(base.encodeLocation(to))) {
        hold(() => base.replace(to, state));
      } else {
        base.replace(to, state);
      }
    },
    listen(listener) {
      return base.listen((update) => {
        if (isUndoingPop) {
          isUndoingPop = false;
          return;
        }
        const { delta } = update;
        if (
          update.action === 'POP' &&
          !isAllowedPop &&
          delta !== null &&
          delta !== 0 &&
          isRefused(update.location)
        ) {
          // The address already changed: put it back, and keep the way there.
          isUndoingPop = true;
          base.go(-delta);
          hold(() => {
            isAllowedPop = true;
            base.go(delta);
          });
          return;
        }
        isAllowedPop = false;
        current = update.location;
        listener(update);
      });
    },
    guard(next) {
      check = next;
      return () => {
        if (check !== next) return;
        check = null;
        if (held) setHeld(null);
      };
    },
    subscribe(onChange) {
      subscribers.add(onChange);
      return () => subscribers.delete(onChange);
    },
    held: () => held,
  };
}

/** The browser's history, guarded; created once by the app's entry point. */
export function createGuardedBrowserHistory(): GuardedHistory {
  return guardHistory(UNSAFE_createBrowserHistory({ v5Compat: true }));
}

/** An in-memory history for tests, starting at `path`. */
export function createGuardedMemoryHistory(path: string): GuardedHistory {
  return guardHistory(
    UNSAFE_createMemoryHistory({ initialEntries: [path], v5Compat: true }),
  );
}

const GuardedHistoryContext = createContext<GuardedHistory | null>(null);

/** Makes the router's history reachable by {@link useLeaveGuard}. */
export const GuardedHistoryProvider = GuardedHistoryContext.Provider;

/**
 * Holds in-app navigations back while `check` says so; returns the one held
 * back, if any, for the screen to ask about.
 */
export function useLeaveGuard(check: LeaveCheck): HeldNavigation | null {
  const history = useContext(GuardedHistoryContext);
  if (!history) {
    throw new Error('useLeaveGuard needs a GuardedHistoryProvider');
  }
  const latest = useRef(check);
  useEffect(() => {
    latest.current = check;
  });
  useEffect(
    () => history.guard((current, next) => latest.current(current, next)),
    [history],
  );
  const subscribe = useCallback(
    (onChange: () => void) => history.subscribe(onChange),
    [history],
  );
  return useSyncExternalStore(subscribe, history.held);
}
