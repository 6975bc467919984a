import type { Contender } from './contenders'
import type { BenchScript } from './scripts'
import { median, round } from './stats'

export interface ThroughputResult {
  contender: string
  script: BenchScript
  /** Median over rounds, runs per second. */
  runsPerSec: number
  rounds: number[]
  /** Runs in each measured batch (a slow contender runs a fraction of the batch). */
  runsPerRound: number
  /** CPU per run of every thread the contender uses, where it is measured. */
  cpuMsPerRun: number | null
}

/**
 * Runs every contender on `script` in rounds, interleaved (the order rotates
 * each round), so a noisy neighbour hurts all of them alike; reports medians.
 */
export async function interleavedThroughput(
  contenders: Contender[],
  script: BenchScript,
  batch: number,
  rounds: number,
): Promise<ThroughputResult[]> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  const runsOf = (c: Contender): number =>
    Math.max(1, Math.round(batch * (c.batchFraction?.[script] ?? 1)))
  // One warm-up batch each: JIT, lazy WASM compilation, first-use paths.
  for (const c of contenders) await c.runBatch(script, Math.max(1, Math.floor(runsOf(c) / 4)))
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length] as Contender)
    for (const c of order) {
      const runs = runsOf(c)
      const stopMeter = c.meterBatch?.(script)
      const started = performance.now()
      await c.runBatch(script, runs)
      const wallMs = performance.now() - started
      stopMeter?.(runs, wallMs)
      samples.get(c.name)?.push(runs / (wallMs / 1000))
    }
  }
  return contenders.map((c) => {
    const rates = samples.get(c.name) ?? []
    return {
      contender: c.name,
      script,
      runsPerSec: round(median(rates), 1),
      rounds: rates.map((x) => round(x, 1)),
      runsPerRound: runsOf(c),
      cpuMsPerRun: c.cpuMsPerRun?.(script) ?? null,
    }
  })
}
