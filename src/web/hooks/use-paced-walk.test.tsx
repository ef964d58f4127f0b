import { act, renderHook } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { usePacedWalk, type RunWalk } from './use-paced-walk.ts';

type Call = {
  signal: AbortSignal;
  report: (progress: WalkProgress) => void;
  finish: (items: string[]) => void;
  fail: (error: unknown) => void;
};

// A walk the test drives by hand; like the real one, it rejects on abort.
function scripted() {
  const calls: Call[] = [];
  const walk: RunWalk<string[]> = ({ signal, onProgress }) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), {
        once: true,
      });
      calls.push({
        signal,
        report: onProgress,
        finish: resolve,
        fail: reject,
      });
    });
  return { walk, calls };
}

test('start reports the progress, then the result', async () => {
  const { walk, calls } = scripted();
  const { result } = renderHook(() => usePacedWalk(walk));
  expect(result.current.state).toEqual({ state: 'idle' });
  act(() => result.current.start());
  expect(result.current.state).toEqual({
    state: 'fetching',
    fetched: 0,
    total: undefined,
  });
  act(() => calls[0]!.report({ fetched: 100, total: 150 }));
  expect(result.current.state).toEqual({
    state: 'fetching',
    fetched: 100,
    total: 150,
  });
  await act(async () => calls[0]!.finish(['a', 'b']));
  expect(result.current.state).toEqual({ state: 'done', result: ['a', 'b'] });
});

test('stop aborts the walk and keeps what was fetched by then; a failure keeps its error', async () => {
  const { walk, calls } = scripted();
  const { result } = renderHook(() => usePacedWalk(walk));
  act(() => result.current.start());
  act(() => calls[0]!.report({ fetched: 100, total: undefined }));
  await act(async () => result.current.stop());
  expect(calls[0]!.signal.aborted).toBe(true);
  expect(result.current.state).toEqual({ state: 'cancelled', fetched: 100 });

  act(() => result.current.start());
  const failure = new Error('boom');
  await act(async () => calls[1]!.fail(failure));
  expect(result.current.state).toEqual({ state: 'failed', error: failure });
});

test('starting again replaces the running walk, which is heard no more', async () => {
  const { walk, calls } = scripted();
  const { result } = renderHook(() => usePacedWalk(walk));
  act(() => result.current.start());
  act(() => result.current.start());
  expect(calls[0]!.signal.aborted).toBe(true);
  await act(async () => calls[0]!.report({ fetched: 9, total: 9 }));
  expect(result.current.state).toEqual({
    state: 'fetching',
    fetched: 0,
    total: undefined,
  });
  await act(async () => calls[1]!.finish(['new']));
  expect(result.current.state).toEqual({ state: 'done', result: ['new'] });
});

test('startOnMount fetches from the first render, a new walk function does not restart it, and unmounting aborts it', () => {
  const first = scripted();
  const second = scripted();
  const { result, rerender, unmount } = renderHook(
    ({ walk }) => usePacedWalk(walk, { startOnMount: true }),
    { initialProps: { walk: first.walk } },
  );
  expect(result.current.state).toEqual({
    state: 'fetching',
    fetched: 0,
    total: undefined,
  });
  expect(first.calls).toHaveLength(1);
  rerender({ walk: second.walk });
  expect(second.calls).toHaveLength(0);
  unmount();
  expect(first.calls[0]!.signal.aborted).toBe(true);
});
