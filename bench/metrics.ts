import { cpus, totalmem } from 'node:os';

/** One figure of `npm run bench`, with the peer it is compared to in the same run. */
export type Metric = {
  /** Key in bench/results.json, e.g. filter.evaluate_warm_us. */
  id: string;
  label: string;
  unit: string;
  value: number;
  /** The same measurement of the tool people would use instead. */
  peer?: { name: string; value: number };
  /** Lower is better unless `higherIsBetter`. */
  higherIsBetter?: boolean;
  target?: { value: number; text: string };
  /** What a miss means, or what the profile showed. */
  note?: string;
};

export type Suite = {
  name: string;
  run: () => Promise<Metric[]>;
};

export function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function ratio(metric: Metric): number | undefined {
  return metric.peer && metric.peer.value !== 0
    ? metric.value / metric.peer.value
    : undefined;
}

export function meetsTarget(metric: Metric): boolean | undefined {
  if (!metric.target) return undefined;
  return metric.higherIsBetter
    ? metric.value >= metric.target.value
    : metric.value <= metric.target.value;
}

/** Percentile of already collected samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/**
 * Time per call of `work` in microseconds: the median of `rounds` rounds,
 * each running it until `roundMs` has passed, after a warm-up round.
 * Medians because a shared machine adds noise that is never negative.
 */
export function timePerCall(
  work: (iteration: number) => void,
  { rounds = 7, roundMs = 150 }: { rounds?: number; roundMs?: number } = {},
): number {
  let iteration = 0;
  const round = () => {
    const started = performance.now();
    let calls = 0;
    let elapsed = 0;
    // Batches keep the clock reads out of the measurement.
    while (elapsed < roundMs) {
      for (let index = 0; index < 64; index += 1) work(iteration++);
      calls += 64;
      elapsed = performance.now() - started;
    }
    return (elapsed * 1000) / calls;
  };
  round();
  const results = Array.from({ length: rounds }, round);
  return percentile(results, 50);
}
