// `gatehouse run --trace` through a real process, core, host and lane: the
// trace's kinds in the order they happened, the readable form, and no trace
// unless asked.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { RunOutcome } from '../../../src/protocol/outcome'

const BIN = path.resolve('bin/gatehouse.js')
const run = promisify(execFile)

/** Runs the CLI; an error outcome (exit status 1) still prints the outcome. */
async function gatehouse(args: string[], script: string): Promise<string> {
  const child = run(process.execPath, [BIN, 'run', ...args, '-'], { maxBuffer: 16 * 1024 * 1024 })
  child.child.stdin?.end(script)
  try {
    return (await child).stdout
  } catch (error) {
    const { stdout, code } = error as { stdout: string; code: number }
    if (code === 1 && stdout) return stdout
    throw error
  }
}

const ORDERING = [
  'console.log("sync")',
  'setTimeout(() => console.log("timer"), 0)',
  'Promise.resolve().then(() => console.log("micro"))',
  'await new Promise((resolve) => setTimeout(resolve, 5))',
  'return 1',
].join('\n')

describe('gatehouse run --trace', { timeout: 90_000 }, () => {
  it('--json adds the trace: its kinds in the order they happened, lines where the engine knew them', async () => {
    const outcome = JSON.parse(await gatehouse(['--trace', '--json'], ORDERING)) as RunOutcome
    expect(outcome.status).toBe('ok')
    const events = outcome.trace?.events ?? []
    expect(
      events.map((event) => (event.kind === 'log' ? `log ${event.text}` : event.kind)),
    ).toEqual([
      'sync-start',
      'log sync',
      'timer-set',
      'timer-set',
      'sync-end',
      'jobs',
      'log micro',
      'timer-fired',
      'log timer',
      'timer-fired',
      'jobs',
      'settled',
    ])
    expect(events[2]).toMatchObject({ kind: 'timer-set', timer: 1, delayMs: 0, line: 2 })
    expect(events[3]).toMatchObject({ kind: 'timer-set', timer: 2, delayMs: 5, line: 4 })
    expect(events[7]).toMatchObject({ kind: 'timer-fired', timer: 1, line: 2 })
    expect(outcome.trace?.dropped).toBe(0)
  })

  it('without --trace the outcome has no trace field', async () => {
    const outcome = JSON.parse(await gatehouse(['--json'], ORDERING)) as RunOutcome
    expect(outcome.status).toBe('ok')
    expect('trace' in outcome).toBe(false)
  })

  it('without --json prints the trace after the outcome, one event a line', async () => {
    const text = await gatehouse(['--trace'], ORDERING)
    expect(text).toMatch(/^trace \(12 events\):$/m)
    expect(text).toMatch(/ms {2}timer #1 set: 0 ms \(line 2\)$/m)
    expect(text).toMatch(/ms {2}settled: ok$/m)
  })

  it('a run the watchdog ended keeps how it ended, though its events went with the lane', async () => {
    const outcome = JSON.parse(
      await gatehouse(
        ['--trace', '--json', '--timeout-ms', '200'],
        'await null\nreturn Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)',
      ),
    ) as RunOutcome
    expect(outcome.error).toMatchObject({ type: 'TimeoutError', cause: 'watchdog' })
    expect(outcome.trace?.events.map((event) => event.kind)).toEqual(['limit', 'settled'])
    expect(outcome.trace?.events[0]).toMatchObject({ limit: 'watchdog' })
  })
})
