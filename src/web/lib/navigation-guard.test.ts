import { expect, test } from 'vitest';
import { createGuardedMemoryHistory } from './navigation-guard.ts';

function historyAt(path: string) {
  const history = createGuardedMemoryHistory(path);
  const seen: string[] = [];
  history.listen(({ action, location }) =>
    seen.push(`${action} ${location.pathname}`),
  );
  return { history, seen };
}

test('without a check every navigation goes through', () => {
  const { history, seen } = historyAt('/a');
  history.push('/b');
  history.replace('/c');
  history.go(-1);
  expect(seen).toEqual(['PUSH /b', 'REPLACE /c', 'POP /a']);
  expect(history.held()).toBeNull();
});

test('a refused push is held until proceed, and reset drops it', () => {
  const { history, seen } = historyAt('/form');
  let notified = 0;
  history.subscribe(() => notified++);
  history.guard((current, next) => current.pathname !== next.pathname);

  history.push('/form?tab=2');
  expect(seen).toEqual(['PUSH /form']);

  history.push('/elsewhere');
  expect(history.location.pathname).toBe('/form');
  expect(history.held()).not.toBeNull();
  history.held()!.reset();
  expect(history.held()).toBeNull();
  expect(history.location.pathname).toBe('/form');

  history.push('/elsewhere');
  history.held()!.proceed();
  expect(history.held()).toBeNull();
  expect(history.location.pathname).toBe('/elsewhere');
  expect(seen).toEqual(['PUSH /form', 'PUSH /elsewhere']);
  expect(notified).toBe(4);
});

test('a refused Back is undone at once, and proceed goes back after all', () => {
  const { history, seen } = historyAt('/list');
  history.push('/form');
  history.guard((current, next) => current.pathname !== next.pathname);

  history.go(-1);
  // The router never heard of the pop: the form stays, and so does the URL.
  expect(history.location.pathname).toBe('/form');
  expect(seen).toEqual(['PUSH /form']);
  expect(history.held()).not.toBeNull();

  history.held()!.proceed();
  expect(history.location.pathname).toBe('/list');
  expect(seen).toEqual(['PUSH /form', 'POP /list']);
  // The check holds again afterwards.
  history.go(1);
  expect(history.location.pathname).toBe('/list');
  expect(history.held()).not.toBeNull();
});

test('removing the check lets navigations through and drops a held one', () => {
  const { history } = historyAt('/form');
  const remove = history.guard(() => true);
  history.push('/elsewhere');
  expect(history.held()).not.toBeNull();
  remove();
  expect(history.held()).toBeNull();
  history.push('/elsewhere');
  expect(history.location.pathname).toBe('/elsewhere');
});

test('a stale removal leaves a newer check in place', () => {
  const { history } = historyAt('/form');
  const removeOld = history.guard(() => true);
  history.guard(() => true);
  removeOld();
  history.push('/elsewhere');
  expect(history.held()).not.toBeNull();
});
