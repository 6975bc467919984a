import type { Contender } from './contenders'
import type { BenchScript } from './scripts'
import { round } from './stats'
import { clockTicksPerSecond, threadCpuUnavailable, threadTicks } from './thread-cpu'

/**
 * Adds CPU per run to a contender that runs on this process's main thread
 * (the floor, node:vm, isolated-vm, @sebastianwessel/quickjs): the ticks of
 * that thread over its measured batches. CPU, not wall time, so a busy
 * neighbour on a shared machine does not inflate it, and it compares with
 * the CPU a Gatehouse lane spends per run.
 */
export function withMainThreadCpu<C extends Contender>(contender: C): C {
  if (threadCpuUnavailable()) return contender
  const totals = new Map<BenchScript, { ticks: number; runs: number }>()
  return {
    ...contender,
    meterBatch(script) {
      const before = threadTicks(process.pid, process.pid)
      return (runs) => {
        const total = totals.get(script) ?? { ticks: 0, runs: 0 }
        total.ticks += threadTicks(process.pid, process.pid) - before
        total.runs += runs
        totals.set(script, total)
      }
    },
    cpuMsPerRun(script) {
      const total = totals.get(script)
      if (!total || total.runs === 0) return undefined
      return round((total.ticks * 1000) / clockTicksPerSecond() / total.runs, 4)
    },
  }
}
