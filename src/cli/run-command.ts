import { parseArgs } from 'node:util'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import type { RunRequest } from '../protocol/request'
import type { Settings } from '../protocol/settings'
import { SETTING_RANGES } from '../protocol/settings'
import { formatOutcome } from './format-outcome'
import { intOption } from './options'
import { HOST_ENTRY } from './paths'
import { readCompanions, readInputFile, readScriptSource } from './run-sources'
import { escapeForTerminal } from './terminal-escape'
import { UsageError } from './usage'

type Limits = NonNullable<RunRequest['limits']>

/**
 * The gate's own limits for this one run: as high as the run asks (a run
 * may ask for less than the settings allow, never more), so a sidecar or an
 * option above the defaults is honoured. An out-of-range value is left to
 * the run's own validation, which says what the range is.
 */
function settingsFor(limits: Limits, lanes: number | undefined): Partial<Settings> {
  const settings: Partial<Settings> = { permits: 1, lanes: lanes ?? 1 }
  for (const key of ['runTimeoutMs', 'memoryMb', 'stackKb'] as const) {
    const value = limits[key]
    const range = SETTING_RANGES[key]
    if (value !== undefined && value >= range.min && value <= range.max) settings[key] = value
  }
  return settings
}

/** `gatehouse run FILE|-`: one script through the whole pipeline. Returns the exit status. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      'input-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      language: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'memory-mb': { type: 'string' },
      'stack-kb': { type: 'string' },
      lanes: { type: 'string' },
      'no-sidecar': { type: 'boolean', default: false },
    },
  })
  if (positionals.length !== 1)
    throw new UsageError('run takes exactly one FILE (or - for standard input)')
  const file = positionals[0] as string
  const language = values.language ?? (file.endsWith('.ts') ? 'ts' : 'js')
  if (language !== 'js' && language !== 'ts')
    throw new UsageError(`--language must be js or ts, got "${language}"`)
  if (values.input !== undefined && values['input-file'] !== undefined)
    throw new UsageError('give the input once: --input JSON or --input-file PATH, not both')
  if (values['input-file'] === '-' && file === '-')
    throw new UsageError(
      '--input-file - reads standard input, which already carries the script: give the script as a file',
    )

  const code = readScriptSource(file)
  const companions = await readCompanions(file, code, !values['no-sidecar'])
  // The command line wins over the sidecar, which wins over the header.
  const limits: Limits = { ...companions.limits }
  const timeoutMs = intOption('timeout-ms', values['timeout-ms'])
  const memoryMb = intOption('memory-mb', values['memory-mb'])
  const stackKb = intOption('stack-kb', values['stack-kb'])
  if (timeoutMs !== undefined) limits.runTimeoutMs = timeoutMs
  if (stackKb !== undefined) limits.stackKb = stackKb
  if (memoryMb !== undefined) limits.memoryMb = memoryMb
  const input =
    values.input ??
    (values['input-file'] !== undefined ? readInputFile(values['input-file']) : companions.input)

  let core
  try {
    core = await createCore({
      spawnHost: forkHostSpawner(HOST_ENTRY),
      settings: settingsFor(limits, intOption('lanes', values.lanes)),
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  try {
    const request: Record<string, unknown> = { id: 'cli-run', code, language }
    if (input !== undefined) request.input = input
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
