import { expect, test } from 'vitest';
import {
  createSerialQueue,
  listEveryProvider,
  type ProviderList,
} from './org-pools.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('the queue runs one task at a time, in order', async () => {
  const queue = createSerialQueue();
  const log: string[] = [];
  const first = deferred();
  const signal = new AbortController().signal;
  const a = queue.run(async () => {
    log.push('a starts');
    await first.promise;
    log.push('a ends');
    return 'a';
  }, signal);
  const b = queue.run(async () => {
    log.push('b starts');
    return 'b';
  }, signal);
  await tick();
  expect(log).toEqual(['a starts']);
  first.resolve();
  expect(await a).toBe('a');
  expect(await b).toBe('b');
  expect(log).toEqual(['a starts', 'a ends', 'b starts']);
});

test('a failed task does not hold up the next', async () => {
  const queue = createSerialQueue();
  const signal = new AbortController().signal;
  const failure = new Error('boom');
  const a = queue.run(() => Promise.reject(failure), signal);
  const b = queue.run(async () => 'b', signal);
  await expect(a).rejects.toBe(failure);
  expect(await b).toBe('b');
});

test('a waiting task that is aborted leaves at once and never runs; the rest keep their order', async () => {
  const queue = createSerialQueue();
  const log: string[] = [];
  const first = deferred();
  const live = new AbortController().signal;
  const cancelled = new AbortController();
  const a = queue.run(async () => {
    await first.promise;
    log.push('a');
  }, live);
  const b = queue.run(async () => {
    log.push('b');
  }, cancelled.signal);
  const c = queue.run(async () => {
    log.push('c');
  }, live);
  cancelled.abort(new Error('cancelled'));
  await expect(b).rejects.toThrow('cancelled');
  await tick();
  // C still waits for A, which is running.
  expect(log).toEqual([]);
  first.resolve();
  await a;
  await c;
  expect(log).toEqual(['a', 'c']);
});

test('an already aborted signal is refused without queueing', async () => {
  const queue = createSerialQueue();
  const controller = new AbortController();
  controller.abort(new Error('gone'));
  let ran = false;
  await expect(
    queue.run(async () => {
      ran = true;
    }, controller.signal),
  ).rejects.toThrow('gone');
  expect(ran).toBe(false);
  expect(
    await queue.run(async () => 'next', new AbortController().signal),
  ).toBe('next');
});

test('every provider page is followed', async () => {
  const page = (ids: string[], next?: string) =>
    ({
      data: ids.map((id) => ({ id, display_name: id })),
      metadata: {
        next: next
          ? `https://api.example/iam/v2/identity-providers?page_token=${next}`
          : undefined,
      },
    }) as unknown as ProviderList;
  const tokens: (string | undefined)[] = [];
  const providers = await listEveryProvider(
    {
      listProviders: async ({ pageToken }) => {
        tokens.push(pageToken);
        return pageToken === 't2'
          ? page(['op-3'])
          : page(['op-1', 'op-2'], 't2');
      },
    },
    new AbortController().signal,
  );
  expect(providers.map((p) => p.id)).toEqual(['op-1', 'op-2', 'op-3']);
  expect(tokens).toEqual([undefined, 't2']);
});

test('terse provider pages as the live service sends them (no api_version, data null or left out) are empty pages, not the end', async () => {
  // The envelope recorded from the live API: kind, metadata.self and data.
  const recorded = (data: string, next?: string) =>
    JSON.parse(`{
      "kind": "IdentityProviderList",
      "metadata": {
        "self": "https://confluent.cloud/api/iam/v2/identity-providers"
        ${next ? `, "next": "https://api.confluent.cloud/iam/v2/identity-providers?page_token=${next}"` : ''}
      }
      ${data}
    }`) as ProviderList;
  const book: Record<string, ProviderList> = {
    first: recorded(', "data": null', 't2'),
    t2: recorded(', "data": [{ "id": "op-1", "display_name": "one" }]', 't3'),
    t3: recorded(''),
  };
  const tokens: (string | undefined)[] = [];
  const providers = await listEveryProvider(
    {
      listProviders: async ({ pageToken }) => {
        tokens.push(pageToken);
        return book[pageToken ?? 'first']!;
      },
    },
    new AbortController().signal,
  );
  expect(providers.map((p) => p.id)).toEqual(['op-1']);
  expect(tokens).toEqual([undefined, 't2', 't3']);
});
