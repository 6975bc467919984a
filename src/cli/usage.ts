/** One command's help: its synopsis (usage lines) and what it does. */
interface CommandHelp {
  synopsis: string
  summary: string
  /** Printed by `gatehouse COMMAND --help` after the summary: the options, one a line. */
  options: string
}

/** Every command's help, in the order `gatehouse --help` lists them. */
export const COMMAND_HELP: Record<string, CommandHelp> = {
  run: {
    synopsis: `gatehouse run FILE|- [--input JSON | --input-file PATH|-] [--json] [--trace]
                       [--language js|ts] [--timeout-ms N] [--memory-mb N] [--stack-kb N]
                       [--lanes K] [--no-sidecar]`,
    summary: `Run one script (a file, or - for standard input) in a fresh QuickJS
sandbox and print its outcome. A file's sidecar (FILE.gatehouse.json, as
the app saves it) gives its input and limits, and a lesson's "// limits:"
header its limits; options on the command line win over both.
Exit status: 0 ok, 1 error, 2 usage.`,
    options: `--input JSON          the script's input, as JSON text
--input-file PATH     the input from a file; - reads standard input (the script
                      must then be a file)
--json                print exactly one line: the outcome as JSON
--trace               record the run's event-loop trace (timers, promise jobs,
                      console lines, the limit that ended it): in the outcome
                      with --json, else printed one event a line
--language js|ts      the script's language (a .ts file is TypeScript)
--timeout-ms N        run time limit (also raises the gate's own limit to N)
--memory-mb N         memory limit, and the lane's hard cap
--stack-kb N          stack limit
--lanes K             sandbox lanes to start (default 1)
--no-sidecar          ignore FILE.gatehouse.json beside the script`,
  },
  stress: {
    synopsis: `gatehouse stress FILE --runs N --permits P [--lanes K] [--wait-timeout-ms W]
                       [--timeout-ms T] [--arrival burst|ramp:MS|rate:N]
                       [--faults throw=5,loop=1,memory=1,stuck=1,crash=1]
                       [--seed N] [--json] [--report FILE.json|FILE.csv]
                       [--compare "permits=2,lanes=1" "permits=8,lanes=2"]`,
    summary: `Submit N runs of one script at once (run i gets input = { i }) through
a gate of P permits, then audit it: every run one outcome, every
permit back. Exit status: 0 when the audit passes, 1 when it fails.
--seed N fixes which runs get which fault (the same seed, the same
plan). --compare A B runs the plan under policy A, then under
policy B (keys: permits, lanes, wait-timeout-ms, timeout-ms; the
other options are shared) and prints the verdict table; with
--json, { "a": REPORT, "b": REPORT, "diff": ... }.`,
    options: '',
  },
  report: {
    synopsis: 'gatehouse report A.json [B.json] [--json]',
    summary: `Print a saved stress report (--report FILE.json, or a run saved in
the stress lab), or the verdict table of two. A file that is not a
readable report: exit status 1 with the reason.`,
    options: '',
  },
  bench: {
    synopsis: 'gatehouse bench [--quick] [--json] [--baseline RESULTS.json]',
    summary: `Measure Gatehouse against the raw engine and node:vm (and
isolated-vm and @sebastianwessel/quickjs when installed), side by
side, with Gatehouse's CPU per thread and messages per run; write
bench/results/latest.json. --baseline compares with an earlier
results file for the "no regression" targets. Exit status 1 when
a target is missed.`,
    options: '',
  },
  gates: {
    synopsis: 'gatehouse gates [--json]',
    summary: `The semaphore-leak lesson: one workload through Gatehouse's gate and
through gates broken four common ways, side by side.`,
    options: '',
  },
  matrix: {
    synopsis: 'gatehouse matrix [--json]',
    summary: `The leak matrix: the nine paths a run can take (the Go service's
eight and "released on timeout while the work goes on"), each
driven through a real core, with its outcome and whether its
permit was taken and came back. Exit status 1 when a path did not
end as the matrix says or a permit did not come back.`,
    options: '',
  },
  serve: {
    synopsis: 'gatehouse serve [--port N] [--host 127.0.0.1] [--workspace DIR]',
    summary: `Start the browser edition on loopback and print its URL (with a
per-launch token). Stop it with Ctrl+C. Scripts are opened and
saved in --workspace DIR (default: the current folder), which also
keeps the settings, recent files and draft in DIR/.gatehouse/.`,
    options: '',
  },
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n')

export const USAGE = `Usage:
${Object.values(COMMAND_HELP)
  .map((help) => `  ${help.synopsis}`)
  .join('\n')}
  gatehouse COMMAND --help | gatehouse --version

Commands:
${Object.entries(COMMAND_HELP)
  .map(([name, help]) => `  ${name.padEnd(8)}${indent(help.summary, ' '.repeat(10)).trimStart()}`)
  .join('\n')}`

/** `gatehouse COMMAND --help`: the command's synopsis, what it does, and its options. */
export function commandHelp(name: string): string | undefined {
  const help = COMMAND_HELP[name]
  if (!help) return undefined
  const options = help.options === '' ? '' : `\n\nOptions:\n${indent(help.options, '  ')}`
  return `Usage:\n  ${help.synopsis}\n\n${indent(help.summary, '  ')}${options}`
}

/** A mistake in the command line: reported with the usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
