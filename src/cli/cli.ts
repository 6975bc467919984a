import { benchCommand } from './bench/bench-command'
import { gatesCommand } from './gates-command'
import { matrixCommand } from './matrix-command'
import { reportCommand } from './report-command'
import { runCommand } from './run-command'
import { serveCommand } from './serve-command'
import { stressCommand } from './stress-command'
import { USAGE, UsageError, commandHelp } from './usage'
import { gatehouseVersion } from './version'

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  serve: serveCommand,
  stress: stressCommand,
  report: reportCommand,
  bench: benchCommand,
  gates: gatesCommand,
  matrix: matrixCommand,
}

/** The CLI entry: returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === '--version' || command === '-v') {
    process.stdout.write(`gatehouse ${gatehouseVersion()}\n`)
    return 0
  }
  // `gatehouse help run` is `gatehouse run --help`.
  const helpFor = command === 'help' && rest[0] !== undefined ? rest[0] : undefined
  if (
    command === undefined ||
    ((command === '--help' || command === '-h' || command === 'help') && helpFor === undefined)
  ) {
    process.stdout.write(`${USAGE}\n`)
    return command === undefined ? 2 : 0
  }
  const name = helpFor ?? command
  const handler = COMMANDS[name]
  try {
    if (!handler) throw new UsageError(`unknown command "${name}"`)
    if (helpFor !== undefined || rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${commandHelp(name) ?? USAGE}\n`)
      return 0
    }
    return await handler(rest)
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    process.stderr.write(`gatehouse: ${(error as Error).message}\n`)
    if (usage) {
      process.stderr.write(`\n${USAGE}\n`)
      return 2
    }
    return 1
  }
}
