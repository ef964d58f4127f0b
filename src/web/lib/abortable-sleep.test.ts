import { afterEach, expect, test, vi } from 'vitest';
import { abortableSleep } from './abortable-sleep.ts';

afterEach(() => {
  vi.useRealTimers();
});

test('resolves once the time has passed, and leaves no abort listener behind', async () => {
  vi.useFakeTimers();
  const controller = new AbortController();
  const remove = vi.spyOn(controller.signal, 'removeEventListener');
  let isDone = false;
  const sleeping = abortableSleep(1_000, controller.signal).then(() => {
    isDone = true;
  });
  await vi.advanceTimersByTimeAsync(999);
  expect(isDone).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await sleeping;
  expect(isDone).toBe(true);
  expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
});

test('an abort rejects at once with its reason and clears the timer', async () => {
  vi.useFakeTimers();
  const controller = new AbortController();
  const sleeping = abortableSleep(60_000, controller.signal);
  expect(vi.getTimerCount()).toBe(1);
  const reason = new Error('stopped');
  controller.abort(reason);
  await expect(sleeping).rejects.toBe(reason);
  expect(vi.getTimerCount()).toBe(0);
});

test('an already aborted signal rejects without starting a timer', async () => {
  vi.useFakeTimers();
  const reason = new Error('gone');
  await expect(abortableSleep(10, AbortSignal.abort(reason))).rejects.toBe(
    reason,
  );
  expect(vi.getTimerCount()).toBe(0);
});
