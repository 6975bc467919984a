// `gatehouse run` as a user runs it: a real process, a real core, real lanes.
import path from 'node:path'
import { describe, it, expect } from 'vitest'
import type { RunOutcome } from '../../src/protocol/outcome'
import type { CliResult } from './cli/run-gatehouse'
import { gatehouse } from './cli/run-gatehouse'

const fixture = (name: string): string => path.resolve('tests/fixtures/cli', name)
// bin/gatehouse.js rebuilds out/ first when a source changed meanwhile: allow for it.
const CLI_TIMEOUT_MS = 90_000

/** --json output: exactly one line, a RunOutcome. */
function parseOutcome(stdout: string): RunOutcome {
  const lines = stdout.split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(1)
  expect(stdout.endsWith('\n')).toBe(true)
  const outcome = JSON.parse(lines[0] as string) as RunOutcome
  expect(typeof outcome.id).toBe('string')
  expect(['ok', 'error']).toContain(outcome.status)
  expect(Array.isArray(outcome.logs)).toBe(true)
  expect(outcome.timing).toMatchObject({
    queuedMs: expect.any(Number),
    runMs: expect.any(Number),
    totalMs: expect.any(Number),
  })
  // Present once a run got a permit.
  if (outcome.lane !== undefined) expect(outcome.timing.permitWaitMs).toEqual(expect.any(Number))
  return outcome
}

function expectUsage(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(message)
  expect(result.stderr).toContain('Usage:')
  expect(result.stderr).toContain('gatehouse run FILE|-')
}

describe('gatehouse run', { timeout: CLI_TIMEOUT_MS }, () => {
  it('--json prints exactly one JSON line: the outcome with its value; exit 0', async () => {
    const result = await gatehouse([
      'run',
      fixture('sum.js'),
      '--json',
      '--input',
      '{"items": [10, 20, 12]}',
    ])
    expect(result.code).toBe(0)
    const outcome = parseOutcome(result.stdout)
    expect(outcome).toMatchObject({ status: 'ok', value: { total: 42 }, route: 'pool' })
    expect(outcome.logs.map((l) => l.text)).toEqual(['items 3'])
  })

  it('shows control characters in script text escaped, and --json keeps them exact', async () => {
    // Clears the screen, fakes a line of its own, rewinds the line, reorders text.
    const script = [
      'console.log("\\x1b[2J\\x1b[Hcleared")',
      'console.log("a\\nok 42")',
      'console.log("bad\\r\\x9b31mok\\u202egnp.exe")',
      'throw new Error("boom\\nok 7\\x07")',
    ].join('\n')
    const text = await gatehouse(['run', '-'], script)
    expect(text.code).toBe(1)
    // Nothing a terminal acts on is left but newlines.
    expect([...text.stdout].filter((c) => c !== '\n' && /[\p{Cc}\u202e]/u.test(c))).toEqual([])
    expect(text.stdout).toContain('[log] \\x1b[2J\\x1b[Hcleared')
    expect(text.stdout).toContain('[log] bad\\x0d\\x9b31mok\\u202egnp.exe')
    expect(text.stdout).toContain('ScriptError: Error: boom\n    ok 7\\x07')
    // No script text starts a line of its own.
    expect(text.stdout.split('\n').filter((line) => line.startsWith('ok'))).toEqual([])
    expect(text.stdout).toContain('[log] a\n    ok 42')

    const json = await gatehouse(['run', '-', '--json'], script)
    const outcome = parseOutcome(json.stdout)
    expect(outcome.logs.map((log) => log.text)).toEqual([
      '\x1b[2J\x1b[Hcleared',
      'a\nok 42',
      'bad\r\x9b31mok\u202egnp.exe',
    ])
  })

  it('prints a readable summary without --json', async () => {
    const result = await gatehouse(['run', fixture('sum.js')])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^ok \{/)
    expect(result.stdout).toContain('"total": 6')
    expect(result.stdout).toContain('[log] items 3')
  })

  it('exits 1 on a thrown error and says where it was thrown', async () => {
    const result = await gatehouse(['run', fixture('throws.js')])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/ScriptError: RangeError: over the limit of 3 \(line 3/)

    const json = await gatehouse(['run', fixture('throws.js'), '--json'])
    expect(json.code).toBe(1)
    expect(parseOutcome(json.stdout).error).toMatchObject({
      type: 'ScriptError',
      name: 'RangeError',
      line: 3,
    })
  })

  it('exits 1 on a timeout set with --timeout-ms', async () => {
    const result = await gatehouse(['run', fixture('forever.js'), '--timeout-ms', '100', '--json'])
    expect(result.code).toBe(1)
    // The interrupt ends it; on a starved machine the watchdog may get there first.
    const error = parseOutcome(result.stdout).error
    expect(error?.type).toBe('TimeoutError')
    expect(['interrupt', 'watchdog']).toContain(error?.cause)
  })

  it('reads the script from standard input with -', async () => {
    const result = await gatehouse(
      ['run', '-', '--json'],
      'const parts = ["std", "in"]\nreturn parts.join("")',
    )
    expect(result.code).toBe(0)
    expect(parseOutcome(result.stdout)).toMatchObject({ status: 'ok', value: 'stdin' })
  })

  it('runs a .ts file as TypeScript', async () => {
    const result = await gatehouse(['run', fixture('typed.ts'), '--json'])
    expect(result.code).toBe(0)
    const outcome = parseOutcome(result.stdout)
    expect(outcome.status).toBe('ok')
    expect(outcome.logs.map((l) => l.text)).toEqual(['distance 5'])

    // The same file as JavaScript is a syntax error.
    const asJs = await gatehouse(['run', fixture('typed.ts'), '--json', '--language', 'js'])
    expect(asJs.code).toBe(1)
    expect(parseOutcome(asJs.stdout).error?.type).toBe('SyntaxError')
  })

  it.each([
    ['no file', ['run'], /run takes exactly one FILE/],
    ['two files', ['run', 'a.js', 'b.js'], /run takes exactly one FILE/],
    ['an unknown flag', ['run', 'x.js', '--bogus'], /Unknown option '--bogus'/],
    [
      'a timeout that is not a number',
      ['run', 'sum.js', '--timeout-ms', 'abc'],
      /--timeout-ms must be a whole number, got "abc"/,
    ],
    ['a file that does not exist', ['run', 'no-such-file.js'], /cannot read no-such-file\.js/],
    [
      'an unknown language',
      ['run', 'sum.js', '--language', 'py'],
      /--language must be js or ts, got "py"/,
    ],
    ['an unknown command', ['launch'], /unknown command "launch"/],
  ])('exits 2 with the usage on stderr for %s', async (_, args, message) => {
    const resolved = args.map((arg) => (arg === 'sum.js' ? fixture('sum.js') : arg))
    expectUsage(await gatehouse(resolved), message)
  })
})
