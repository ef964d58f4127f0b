import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { onlineManager } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { resetConnectivity } from '@/lib/connectivity.ts';
import { resetRateBudget } from '@/lib/rate-limit.ts';

// Answers come from a real server, often while the node project runs beside
// these tests on two cores: give findBy* more than its default second.
configure({ asyncUtilTimeout: 5_000 });
// Vitest runs without globals, so Testing Library cannot declare the act()
// environment itself; tests that drive CodeMirror call act() directly.
(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom lacks these browser APIs that Radix primitives call.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??=
  ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
// CodeMirror measures text ranges; jsdom has no layout, so they are empty.
Range.prototype.getClientRects ??= function getClientRects() {
  return Object.assign([], { item: () => null }) as unknown as DOMRectList;
};
Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
  return new DOMRect(0, 0, 0, 0);
};
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};

// A stray console.error (a React warning, an act() complaint) fails the test.
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});
// React's act() warnings are about the harness, not the app: these tests
// talk to a real server, so updates (and lazy chunks) land whenever the
// network answers, sometimes inside Testing Library's short act() windows.
const HARNESS_WARNINGS =
  /not wrapped in act\(|suspended resource finished loading inside a test/;

afterEach(() => {
  cleanup();
  // Page-wide stores outlive a render: each test starts with a healthy
  // budget and network, whatever the one before it saw.
  resetRateBudget();
  resetConnectivity();
  onlineManager.setOnline(true);
  const calls = consoleError.mock.calls.filter(
    (args: unknown[]) => !HARNESS_WARNINGS.test(String(args[0])),
  );
  consoleError.mockRestore();
  expect(
    calls.map((args: unknown[]) =>
      args.map((arg) => String(arg).slice(0, 400)).join(' '),
    ),
    'console.error was called',
  ).toEqual([]);
});
