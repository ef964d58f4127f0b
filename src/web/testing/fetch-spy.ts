import { onTestFinished, vi } from 'vitest';

export type SentRequest = {
  method: string;
  url: URL;
  /** A body sent as text (JSON), e.g. to answer a sign-in by its username. */
  body?: string;
};

function describeRequest(
  input: RequestInfo | URL,
  init?: RequestInit,
): SentRequest {
  if (input instanceof Request) {
    return { method: input.method, url: new URL(input.url) };
  }
  return {
    method: (init?.method ?? 'GET').toUpperCase(),
    url: new URL(String(input)),
    ...(typeof init?.body === 'string' ? { body: init.body } : {}),
  };
}

/**
 * Watches every fetch the page makes for the rest of the test, and lets
 * `intercept` answer one instead of the server (a network failure, other
 * headers); everything else goes to the real server.
 */
export function spyOnFetch(
  intercept?: (
    request: SentRequest,
    forward: () => Promise<Response>,
  ) => Promise<Response>,
) {
  const original = globalThis.fetch;
  const sent: SentRequest[] = [];
  const spy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input, init) => {
      const request = describeRequest(input, init);
      sent.push(request);
      // The typed clients send a Request, whose body can only be read as a
      // stream: a copy is read, so the one sent stays unread.
      if (input instanceof Request && input.body) {
        request.body = await input.clone().text();
      }
      const forward = () => original(input, init);
      return intercept ? intercept(request, forward) : forward();
    });
  onTestFinished(() => spy.mockRestore());
  return {
    sent,
    /** How many requests with this method had a path matching `path`. */
    count: (method: string, path: RegExp) =>
      sent.filter(
        (request) =>
          request.method === method && path.test(request.url.pathname),
      ).length,
  };
}
