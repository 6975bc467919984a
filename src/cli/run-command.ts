import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import type { RunRequest } from '../protocol/request'
import type { Settings } from '../protocol/settings'
import { formatOutcome } from './format-outcome'
import { intOption } from './options'
import { HOST_ENTRY } from './paths'
import { escapeForTerminal } from './terminal-escape'
import { UsageError } from './usage'

function readScript(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    throw new UsageError(
      `cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`,
    )
  }
}

/** `gatehouse run FILE|-`: one script through the whole pipeline. Returns the exit status. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      json: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      language: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'memory-mb': { type: 'string' },
      'stack-kb': { type: 'string' },
      lanes: { type: 'string' },
    },
  })
  if (positionals.length !== 1)
    throw new UsageError('run takes exactly one FILE (or - for standard input)')
  const file = positionals[0] as string
  const language = values.language ?? (file.endsWith('.ts') ? 'ts' : 'js')
  if (language !== 'js' && language !== 'ts')
    throw new UsageError(`--language must be js or ts, got "${language}"`)

  const code = readScript(file)
  const limits: NonNullable<RunRequest['limits']> = {}
  const timeoutMs = intOption('timeout-ms', values['timeout-ms'])
  const memoryMb = intOption('memory-mb', values['memory-mb'])
  const stackKb = intOption('stack-kb', values['stack-kb'])
  if (timeoutMs !== undefined) limits.runTimeoutMs = timeoutMs
  if (stackKb !== undefined) limits.stackKb = stackKb
  if (memoryMb !== undefined) limits.memoryMb = memoryMb

  const settings: Partial<Settings> = { permits: 1, lanes: intOption('lanes', values.lanes) ?? 1 }
  // The lanes' hard cap follows the asked memory limit; an out-of-range value is
  // left to the run's own validation, which says what the range is.
  if (memoryMb !== undefined && memoryMb >= 8 && memoryMb <= 1024) settings.memoryMb = memoryMb
  let core
  try {
    core = await createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  try {
    const request: Record<string, unknown> = { id: 'cli-run', code, language }
    if (values.input !== undefined) request.input = values.input
    if (Object.keys(limits).length > 0) request.limits = limits
    if (values.trace) request.trace = true
    const reply = await core.handle('run:submit', request)
    if (!reply.ok) throw new Error(escapeForTerminal(reply.error.message))
    const outcome = reply.value
    process.stdout.write(
      values.json ? `${JSON.stringify(outcome)}\n` : `${formatOutcome(outcome)}\n`,
    )
    return outcome.status === 'ok' ? 0 : 1
  } finally {
    await core.shutdown()
  }
}
