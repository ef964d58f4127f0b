import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4191}`;

type Fault = {
  match?: { method?: string; path?: string };
  respond?: { status: number; retryAfter?: number };
  delayMs?: number;
  times: number;
};

type Emulator = {
  /** Arms a fault in the embedded emulator (its /_emulator control API). */
  fault: (fault: Fault) => Promise<void>;
  /** Closes the emulator's port for `durationMs`, then listens again. */
  outage: (durationMs: number) => Promise<void>;
  /** The demo provider whose issuer contains `issuerPart`. */
  providerId: (issuerPart: string) => Promise<string>;
  /** Reads straight from the emulator, bypassing the console. */
  get: <T>(path: string) => Promise<{ status: number; body: T }>;
  /** Writes straight to the emulator, bypassing the console. */
  post: <T>(path: string, body: unknown) => Promise<T>;
};

const AUTH = `Basic ${Buffer.from('LIFEGUARDDEMOKEY:lifeguard-demo-secret').toString('base64')}`;

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `emulator control ${path}`).toBe(true);
}

/** Every journey starts on fresh demo data with no faults armed. */
export const test = base.extend<{
  emulator: Emulator;
  cspViolations: string[];
}>({
  // Every journey also proves the console runs under its Content-Security-Policy.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text()))
          violations.push(message.text());
      });
      // The browser's own report, which it raises even for a refused eval
      // that the page catches and never logs.
      await page.exposeBinding(
        'lifeguardCspViolation',
        (_source, text: string) => void violations.push(text),
      );
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (
            window as unknown as {
              lifeguardCspViolation: (text: string) => Promise<void>;
            }
          ).lifeguardCspViolation;
          void report(
            `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  // Playwright reads a fixture's dependencies from this destructuring; none here.
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    await control('DELETE', '/faults');
    await control('POST', '/reset', { seed: 'demo' });
    const get = async <T>(path: string) => {
      const response = await fetch(`${EMULATOR_URL}${path}`, {
        headers: { authorization: AUTH },
      });
      return {
        status: response.status,
        body: (await response.json().catch(() => undefined)) as T,
      };
    };
    await use({
      fault: (fault) => control('POST', '/faults', fault),
      outage: (durationMs) => control('POST', '/outage', { durationMs }),
      get,
      post: async (path, body) => {
        const response = await fetch(`${EMULATOR_URL}${path}`, {
          method: 'POST',
          headers: { authorization: AUTH, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status, `POST ${path}`).toBe(201);
        return (await response.json()) as never;
      },
      providerId: async (issuerPart) => {
        const list = await get<{ data: { id: string; issuer: string }[] }>(
          '/iam/v2/identity-providers?page_size=100',
        );
        const provider = list.body.data.find((p) =>
          p.issuer.includes(issuerPart),
        );
        if (!provider)
          throw new Error(`no demo provider with issuer ${issuerPart}`);
        return provider.id;
      },
    });
    await control('DELETE', '/faults');
  },
});

/** axe on the current screen, once it is still: no violations. */
export async function expectAccessible(page: Page) {
  // A toast fading in is half transparent for a moment, which axe reads as
  // low contrast; judge the screen as it rests. Endless animations (a
  // skeleton's pulse) never finish and are not waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getTiming().iterations === Infinity,
      ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

export { expect };
