import { useCallback, useEffect, useRef, useState } from 'react';
import type { PacedWalkOptions, WalkProgress } from '@/lib/paced-walk.ts';

/** Where a walk a screen runs stands: its progress, then how it ended. */
export type WalkState<T> =
  | { state: 'idle' }
  | ({ state: 'fetching' } & WalkProgress)
  | { state: 'cancelled'; fetched: number }
  | { state: 'done'; result: T }
  | { state: 'failed'; error: unknown };

/** A walk to run: `walkPages` or a feature's wrapper around it. */
export type RunWalk<T> = (
  options: Required<Pick<PacedWalkOptions, 'signal' | 'onProgress'>>,
) => Promise<T>;

const STARTING = { state: 'fetching', fetched: 0, total: undefined } as const;

/**
 * Runs a paced walk for a screen: `start` begins it (again), replacing one
 * still running, `stop` aborts it (state `cancelled`, with what was fetched
 * by then), and leaving the screen aborts it unheard. Only `start` starts it:
 * a new `walk` function from a re-render does not. `startOnMount` starts one
 * as the component mounts, and reports it as fetching from the first render.
 */
export function usePacedWalk<T>(
  walk: RunWalk<T>,
  { startOnMount = false }: { startOnMount?: boolean } = {},
) {
  const [state, setState] = useState<WalkState<T>>(
    startOnMount ? STARTING : { state: 'idle' },
  );
  const walkRef = useRef(walk);
  useEffect(() => {
    walkRef.current = walk;
  }, [walk]);
  // The walk running now; one replaced or left behind reports nothing.
  const current = useRef<AbortController | undefined>(undefined);

  // Sets off a walk, which reports only from its callbacks: a walk that
  // starts on mount starts as the state already says, with no extra render.
  const run = useCallback(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    const isCurrent = () => current.current === controller;
    let fetched = 0;
    walkRef
      .current({
        signal: controller.signal,
        onProgress: (progress) => {
          fetched = progress.fetched;
          if (isCurrent()) setState({ state: 'fetching', ...progress });
        },
      })
      .then(
        (result) => {
          if (isCurrent()) setState({ state: 'done', result });
        },
        (error: unknown) => {
          if (!isCurrent()) return;
          setState(
            controller.signal.aborted
              ? { state: 'cancelled', fetched }
              : { state: 'failed', error },
          );
        },
      );
  }, []);

  const start = useCallback(() => {
    setState(STARTING);
    run();
  }, [run]);

  const stop = useCallback(() => current.current?.abort(), []);

  useEffect(() => {
    if (startOnMount) run();
    return () => {
      const controller = current.current;
      current.current = undefined;
      controller?.abort();
    };
  }, [run, startOnMount]);

  return { state, start, stop };
}
