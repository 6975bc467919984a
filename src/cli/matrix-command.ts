import { parseArgs } from 'node:util'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import { LeakMatrix } from '../lessons/leak-matrix'
import type { MatrixPathResult } from '../protocol/leak-matrix'
import { matrixPathProblem } from '../protocol/leak-matrix'
import { HOST_ENTRY } from './paths'
import { UsageError } from './usage'

/** The gate the matrix is played on: small, so path 2 fills it and path 9 can overcommit. */
const MATRIX_SETTINGS = { permits: 2, lanes: 2 }

/** What `--json` prints: the shape scripts and CI rely on, nothing more. */
export function matrixJson(results: readonly MatrixPathResult[]) {
  const ninth = results.find((r) => r.overcommit)?.overcommit
  return {
    paths: results.map(({ n, name, outcome, permitTaken, permitReturned }) => ({
      n,
      name,
      outcome,
      permitTaken,
      permitReturned,
    })),
    overcommit: {
      permits: ninth?.permits ?? MATRIX_SETTINGS.permits,
      gatehouse: { peakRunning: ninth?.gatehouse.peakRunning ?? 0 },
      releaseOnTimeout: { peakRunning: ninth?.releaseOnTimeout.peakRunning ?? 0 },
    },
  }
}

function permitText(result: MatrixPathResult): string {
  if (!result.permitTaken) return 'not taken'
  return result.permitReturned ? 'taken, returned' : 'taken, NOT returned'
}

/** The matrix as a table, then the overcommit line, then any path that went wrong. */
export function formatMatrix(results: readonly MatrixPathResult[]): string {
  const nameWidth = Math.max(...results.map((r) => r.name.length))
  const outcomes = results.map((r) => (r.cause ? `${r.outcome} (${r.cause})` : r.outcome))
  const outcomeWidth = Math.max(...outcomes.map((o) => o.length))
  const lines = results.map(
    (r, i) =>
      `${String(r.n).padStart(2)}  ${r.name.padEnd(nameWidth)}  ${(outcomes[i] as string).padEnd(outcomeWidth)}  permit ${permitText(r)}`,
  )
  const ninth = results.find((r) => r.overcommit)?.overcommit
  if (ninth)
    lines.push(
      '',
      `With ${ninth.permits} permits, Gatehouse ran at most ${ninth.gatehouse.peakRunning} scripts at once ` +
        `(the interrupt or the watchdog stops the work before the permit returns);`,
      `a gate that releases on timeout while the work goes on ran ${ninth.releaseOnTimeout.peakRunning}.`,
    )
  for (const r of results) {
    const problem = matrixPathProblem(r)
    if (problem) lines.push(`path ${r.n} went wrong: ${problem}`)
  }
  return lines.join('\n')
}

/**
 * `gatehouse matrix [--json]`: the leak matrix's nine paths driven through a
 * real core. Exit status 1 when a path did not do what the matrix says.
 */
export async function matrixCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  })
  if (positionals.length > 0)
    throw new UsageError(`matrix takes no arguments, got "${positionals.join(' ')}"`)
  const core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: MATRIX_SETTINGS,
  })
  try {
    const { scheduler, gate, settings, telemetry } = core.internals
    const results = await new LeakMatrix({ scheduler, gate, settings, telemetry }).playAll()
    process.stdout.write(
      values.json ? `${JSON.stringify(matrixJson(results))}\n` : `${formatMatrix(results)}\n`,
    )
    return results.every((r) => matrixPathProblem(r) === null) ? 0 : 1
  } finally {
    await core.shutdown()
  }
}
