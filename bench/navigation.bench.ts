import { chromium, type Page } from '@playwright/test';
import { percentile, type Metric, type Suite } from './metrics.ts';
import { startLifeguard } from './processes.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLICKS = 15;

// Runs in the page (the Node project has no DOM types, so it is text):
// milliseconds from the "Next page" click to the frame after the first row
// changed, the click's own event time to a requestAnimationFrame callback.
const NEXT_PAINT = `new Promise((resolve) => {
  const firstRow = () => document.querySelector('main tbody tr')?.textContent ?? '';
  const before = firstRow();
  let clickedAt = 0;
  document.addEventListener('click', (event) => { clickedAt = event.timeStamp; },
    { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (!clickedAt || firstRow() === before) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - clickedAt));
  });
  observer.observe(document.querySelector('main'),
    { subtree: true, childList: true, characterData: true });
})`;

async function clickNext(page: Page): Promise<number> {
  const painted = page.evaluate(
    `window.lifeguardBenchNext = ${NEXT_PAINT}`,
  ) as Promise<number>;
  // The observer is in place once the evaluation started; the click follows.
  await page.waitForFunction('window.lifeguardBenchNext !== undefined');
  await page.getByRole('button', { name: 'Next page' }).click();
  const time = await painted;
  await page.evaluate('delete window.lifeguardBenchNext');
  return time;
}

async function walk(page: Page, url: string, prefetched: boolean) {
  const times: number[] = [];
  await page.goto(url);
  await page.locator('main tbody tr').first().waitFor();
  for (let index = 0; index < CLICKS; index += 1) {
    // With prefetch, let it land first, as a reader's pause would.
    if (prefetched) await page.waitForLoadState('networkidle');
    times.push(await clickNext(page));
    await page.waitForLoadState('networkidle');
  }
  return times;
}

/** "Next page" in the real browser, with the next page prefetched and without. */
export const navigationSuite: Suite = {
  name: 'Navigation',
  async run(): Promise<Metric[]> {
    const server = await startLifeguard({});
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const providers = (await (
        await fetch(`${server.url}/api/iam/v2/identity-providers`)
      ).json()) as { data: { id: string; issuer: string }[] };
      const okta = providers.data.find((p) => p.issuer.includes('okta'))!.id;
      const url = `${server.url}/providers/${okta}`;

      const withPrefetch = await walk(await browser.newPage(), url, true);

      // Without: the prefetch of each next page is refused, so the click
      // has to fetch it (one round trip).
      const page = await browser.newPage();
      const seen = new Set<string>();
      await page.route(/identity-pools\?.*page_token=/, (route) => {
        const token = new URL(route.request().url()).searchParams.get(
          'page_token',
        )!;
        if (seen.has(token)) return route.continue();
        seen.add(token);
        return route.abort();
      });
      const withoutPrefetch = await walk(page, url, false);
      return [
        {
          id: 'navigation.next_page_prefetched_p50_ms',
          label: '"Next page" click to new rows painted, prefetched, p50',
          unit: 'ms',
          value: percentile(withPrefetch, 50),
          peer: {
            name: 'without prefetch',
            value: percentile(withoutPrefetch, 50),
          },
          target: { value: 16, text: '≤ 16 ms (same frame)' },
        },
        {
          id: 'navigation.next_page_prefetched_max_ms',
          label: '"Next page" click to new rows painted, prefetched, slowest',
          unit: 'ms',
          value: Math.max(...withPrefetch),
        },
        {
          id: 'navigation.next_page_unprefetched_p50_ms',
          label: '"Next page" click to new rows painted, not prefetched, p50',
          unit: 'ms',
          value: percentile(withoutPrefetch, 50),
          note: 'One round trip to the server and the emulator.',
        },
      ];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
