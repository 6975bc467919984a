import { parseArgs } from 'node:util'
import { compareGates } from '../lessons/broken-gates'
import { UsageError } from './usage'

/** `gatehouse gates`: the semaphore-leak lesson in a terminal. */
export async function gatesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  })
  if (positionals.length > 0)
    throw new UsageError(`gates takes no arguments, got "${positionals.join(' ')}"`)
  const verdicts = await compareGates()
  if (values.json) {
    process.stdout.write(`${JSON.stringify(verdicts)}\n`)
    return 0
  }
  for (const v of verdicts) {
    process.stdout.write(
      `${v.gate} (${v.usage})\n  completed ${v.completed}, failed ${v.failed}, timed out ${v.timedOut}, ` +
        (v.runTimeouts !== undefined ? `answered at the run timeout ${v.runTimeouts}, ` : '') +
        `stuck ${v.stuck}, ` +
        `peak running ${v.peakRunning}, permits held after ${v.inUseAfter}\n  ${v.verdict}\n\n`,
    )
  }
  return 0
}
