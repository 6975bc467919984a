import type { FaultKind, StressPlan } from '../../protocol/stress'
import { FAULT_KINDS, MAX_SEED } from '../../protocol/stress'

/** The code a faulty run runs instead of the user's script. Crashing a lane needs the lane's help (see LaneJob.crashLane). */
export const FAULT_CODE: Record<Exclude<FaultKind, 'crash'>, string> = {
  throw: "throw new Error('injected fault: run ' + input.i + ' throws')",
  loop: 'while (true) {}',
  memory: 'const hoard = []\nwhile (true) hoard.push(new Array(100000).fill(input.i))',
  stuck: 'return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, input.i)',
}

/** A 32-bit integer hash (murmur3's finaliser): close inputs give unrelated outputs. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * A number in [0, 100) that depends only on i and the seed: the same plan
 * and seed inject the same faults into the same runs every time, and
 * another seed spreads them over other runs.
 */
function percentileOf(i: number, seed: number): number {
  const key = mix((seed + 0x6a09e667) | 0)
  return (mix(((i ^ key) + 0x9e3779b9) | 0) / 2 ** 32) * 100
}

/** Which fault, if any, run i of the plan gets under `seed`. */
export function faultFor(
  i: number,
  faults: StressPlan['faults'],
  seed: number,
): FaultKind | undefined {
  const p = percentileOf(i, seed)
  let edge = 0
  for (const kind of FAULT_KINDS) {
    edge += faults[kind] ?? 0
    if (p < edge) return kind
  }
  return undefined
}

/** A seed for a plan that names none: any unsigned 32-bit integer. */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1))
}
