// autocannon ships no types; only what the benchmarks use.
declare module 'autocannon' {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
  };
  type Histogram = Record<'average' | 'mean' | 'p50' | 'p99' | 'max', number>;
  type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  // The package's own shape: a default export.
  // eslint-disable-next-line no-restricted-syntax
  export default function autocannon(options: Options): Promise<Result>;
}
