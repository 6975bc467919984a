import type { FaultKind, StressPlan } from '../../protocol/stress'
import { FAULT_KINDS } from '../../protocol/stress'

/** The code a faulty run runs instead of the user's script. Crashing a lane needs the lane's help (see LaneJob.crashLane). */
export const FAULT_CODE: Record<Exclude<FaultKind, 'crash'>, string> = {
  throw: "throw new Error('injected fault: run ' + input.i + ' throws')",
  loop: 'while (true) {}',
  memory: 'const hoard = []\nwhile (true) hoard.push(new Array(100000).fill(input.i))',
  stuck: 'return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, input.i)',
}

/** A number in [0, 100) that depends only on i: the same plan injects the same faults every time. */
function percentileOf(i: number): number {
  let x = (i + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  x ^= x >>> 16
  return ((x >>> 0) / 2 ** 32) * 100
}

/** Which fault, if any, run i of the plan gets. */
export function faultFor(i: number, faults: StressPlan['faults']): FaultKind | undefined {
  const p = percentileOf(i)
  let edge = 0
  for (const kind of FAULT_KINDS) {
    edge += faults[kind] ?? 0
    if (p < edge) return kind
  }
  return undefined
}
