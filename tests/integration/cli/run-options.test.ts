// `gatehouse run`'s sources of input and limits, help and version, and a
// clean stderr, as a user meets them: a real process, a real core, real
// lanes, real files. The built CLI is called directly (the global setup
// builds it), so a rebuild notice from bin/gatehouse.js never reaches stderr.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunOutcome } from '../../../src/protocol/outcome'
import { BUILT_CLI, gatehouse as runCli } from './run-gatehouse'

/** The built CLI, called directly: see above. */
const gatehouse = (args: string[], stdin = '') => runCli(args, stdin, BUILT_CLI)

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
const COMMANDS = ['run', 'stress', 'report', 'bench', 'gates', 'matrix', 'serve']

/** A --json run: exactly one outcome on stdout, and nothing at all on stderr. */
async function run(args: string[], stdin?: string): Promise<RunOutcome> {
  const result = await gatehouse(['run', ...args, '--json'], stdin)
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as RunOutcome
}

let dir: string
const file = (name: string, text: string): string => {
  const target = path.join(dir, name)
  writeFileSync(target, text)
  return target
}
const sidecar = (script: string, contents: unknown): void => {
  writeFileSync(`${script}.gatehouse.json`, JSON.stringify(contents))
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('help and version', () => {
  it('--version prints the version; exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await gatehouse([flag])
      expect(result).toMatchObject({ code: 0, stdout: `gatehouse ${VERSION}\n`, stderr: '' })
    }
  })

  it('every command has --help: its synopsis, what it does, exit 0, nothing run', async () => {
    for (const command of COMMANDS) {
      const result = await gatehouse([command, '--help'])
      expect(result.code, command).toBe(0)
      expect(result.stderr).toBe('')
      expect(result.stdout).toMatch(new RegExp(`^Usage:\\n  gatehouse ${command}\\b`))
      // Only this command's synopsis, not the whole list.
      for (const other of COMMANDS.filter((c) => c !== command))
        expect(result.stdout).not.toContain(`gatehouse ${other} `)
    }
    const run = await gatehouse(['help', 'run'])
    expect(run.code).toBe(0)
    for (const option of ['--input-file', '--no-sidecar', '--timeout-ms'])
      expect(run.stdout).toContain(option)
    const unknown = await gatehouse(['help', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "nope"')
    const all = await gatehouse(['--help'])
    expect(all.code).toBe(0)
    for (const command of COMMANDS) expect(all.stdout).toContain(`gatehouse ${command}`)
    expect(all.stdout).toContain('gatehouse --version')
  })
})

describe('gatehouse run: the sidecar beside the file', () => {
  it('reads its input and limits; --no-sidecar ignores it; the command line wins', async () => {
    const sum = file('sum.js', 'return input.a + input.b')
    sidecar(sum, { gatehouse: 1, input: { a: 2, b: 40 }, limits: { runTimeoutMs: 3000 } })
    const withSidecar = await run([sum])
    expect(withSidecar).toMatchObject({ status: 'ok', value: 42 })

    const ignored = await gatehouse(['run', sum, '--no-sidecar', '--json'])
    expect(ignored.code).toBe(1)
    expect(JSON.parse(ignored.stdout)).toMatchObject({ error: { type: 'ScriptError' } })

    expect(await run([sum, '--input', '{"a": 1, "b": 1}'])).toMatchObject({ value: 2 })
  })

  it('its limits apply, even above the defaults (a run may not ask for more than the gate allows)', async () => {
    const slow = file('slow.js', 'while (true) {}')
    sidecar(slow, { gatehouse: 1, limits: { runTimeoutMs: 150 } })
    const timedOut = await run([slow])
    expect(timedOut).toMatchObject({ status: 'error', error: { type: 'TimeoutError' } })
    expect(timedOut.status === 'error' && timedOut.error.message).toMatch(/150 ms limit/)

    const late = file(
      'late.js',
      "await new Promise((resolve) => setTimeout(resolve, 5300))\nreturn 'late'",
    )
    sidecar(late, { gatehouse: 1, limits: { runTimeoutMs: 8000 } })
    expect(await run([late])).toMatchObject({ status: 'ok', value: 'late' })
  })

  it('a damaged sidecar is refused with its name and the way out; nothing runs', async () => {
    const script = file('damaged.js', 'return 1')
    writeFileSync(`${script}.gatehouse.json`, '{ not json')
    const refused = await gatehouse(['run', script])
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/damaged\.js\.gatehouse\.json: .*--no-sidecar to ignore it/)
    sidecar(script, { gatehouse: 1, limits: { runTimeoutMs: 5 } })
    const outOfRange = await gatehouse(['run', script])
    expect(outOfRange.code).toBe(2)
    expect(outOfRange.stderr).toMatch(/damaged\.js\.gatehouse\.json: limits: .*runTimeoutMs/)
    expect(await run([script, '--no-sidecar'])).toMatchObject({ status: 'ok', value: 1 })
  })
})

describe('gatehouse run: a lesson’s // limits: header', () => {
  it('is honoured, and an option or a sidecar wins over it', async () => {
    const lesson = file(
      'lesson.js',
      '// title: A loop\n// expect: TimeoutError\n// limits: runTimeoutMs=200\nwhile (true) {}\n',
    )
    const byHeader = await run([lesson])
    expect(byHeader.status === 'error' && byHeader.error.message).toMatch(/200 ms limit/)
    const byOption = await run([lesson, '--timeout-ms', '120'])
    expect(byOption.status === 'error' && byOption.error.message).toMatch(/120 ms limit/)
    sidecar(lesson, { gatehouse: 1, limits: { runTimeoutMs: 180 } })
    const bySidecar = await run([lesson])
    expect(bySidecar.status === 'error' && bySidecar.error.message).toMatch(/180 ms limit/)
  })

  it('a bad header is a usage error that names the file', async () => {
    const bad = file('bad-header.js', '// limits: runTimeoutMs=soon\nreturn 1\n')
    const result = await gatehouse(['run', bad])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'bad-header.js: its "// limits:" header has a bad limit "runTimeoutMs=soon"',
    )
  })
})

describe('gatehouse run --input-file', () => {
  it('reads a large input from a file, beyond what a command line can carry', async () => {
    const items = Array.from({ length: 150_000 }, (_, i) => i % 10)
    const input = file('big-input.json', JSON.stringify({ items }))
    const script = file('count.js', 'return input.items.reduce((a, b) => a + b, 0)')
    expect(await run([script, '--input-file', input])).toMatchObject({
      status: 'ok',
      value: items.reduce((a, b) => a + b, 0),
    })
  })

  it('- reads the input from standard input when the script is a file', async () => {
    const script = file('echo.js', 'return input.greeting')
    expect(await run([script, '--input-file', '-'], '{"greeting": "hello"}')).toMatchObject({
      value: 'hello',
    })
  })

  it('refuses what cannot work, each with its reason', async () => {
    const script = file('one.js', 'return 1')
    const cases: [string[], RegExp][] = [
      [['run', '-', '--input-file', '-'], /reads standard input, which already carries the script/],
      [
        ['run', script, '--input', '{}', '--input-file', 'x.json'],
        /--input JSON or --input-file PATH, not both/,
      ],
      [
        ['run', script, '--input-file', path.join(dir, 'missing.json')],
        /cannot read .*missing\.json/,
      ],
      [['run', script, '--input-file', dir], /is a folder, not a file/],
    ]
    for (const [args, message] of cases) {
      const result = await gatehouse(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(message)
    }
    const huge = file('huge.json', `"${'x'.repeat(2 * 1024 * 1024 + 10)}"`)
    const tooLarge = await gatehouse(['run', script, '--input-file', huge])
    expect(tooLarge.code).toBe(2)
    expect(tooLarge.stderr).toMatch(/huge\.json is 2\.0+ MiB; the input limit is 2(\.0+)? MiB/)
  })
})

describe('gatehouse run: stderr after an outcome', () => {
  it('stays empty after floods, timeouts and a watchdog that replaces its lane', async () => {
    const cases = [
      'const again = () => Promise.resolve().then(again)\nagain()\nawait new Promise(() => {})',
      'for (let i = 0; i < 2000; i++) setTimeout(() => {}, 10)\nreturn 1',
      'return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)',
      'const hoard = []\nwhile (true) hoard.push(new Array(100000).fill(1))',
    ]
    for (const [index, code] of cases.entries()) {
      const script = file(`noise-${index}.js`, code)
      const result = await gatehouse(['run', script, '--timeout-ms', '300', '--memory-mb', '16'])
      expect(result.stdout, code).not.toBe('')
      expect(result.stderr, code).toBe('')
    }
  })
})
