export const USAGE = `Usage:
  gatehouse run FILE|- [--input JSON] [--json] [--trace] [--language js|ts]
                       [--timeout-ms N] [--memory-mb N] [--stack-kb N] [--lanes K]
  gatehouse stress FILE --runs N --permits P [--lanes K] [--wait-timeout-ms W]
                       [--timeout-ms T] [--arrival burst|ramp:MS|rate:N]
                       [--faults throw=5,loop=1,memory=1,stuck=1,crash=1]
                       [--seed N] [--json] [--report FILE.json|FILE.csv]
                       [--compare "permits=2,lanes=1" "permits=8,lanes=2"]
  gatehouse report A.json [B.json] [--json]
  gatehouse bench [--quick] [--json] [--baseline RESULTS.json]
  gatehouse serve [--port N] [--host 127.0.0.1] [--workspace DIR]

Commands:
  run     Run one script (a file, or - for standard input) in a fresh QuickJS
          sandbox and print its outcome. Exit status: 0 ok, 1 error, 2 usage.
          --trace records its event-loop trace (timers, promise jobs, console
          lines, the limit that ended it) into the outcome, or prints it.
  stress  Submit N runs of one script at once (run i gets input = { i }) through
          a gate of P permits, then audit it: every run one outcome, every
          permit back. Exit status: 0 when the audit passes, 1 when it fails.
          --seed N fixes which runs get which fault (the same seed, the same
          plan). --compare A B runs the plan under policy A, then under
          policy B (keys: permits, lanes, wait-timeout-ms, timeout-ms; the
          other options are shared) and prints the verdict table; with
          --json, { "a": REPORT, "b": REPORT, "diff": ... }.
  report  Print a saved stress report (--report FILE.json, or a run saved in
          the stress lab), or the verdict table of two. A file that is not a
          readable report: exit status 1 with the reason.
  bench   Measure Gatehouse against the raw engine and node:vm (and
          isolated-vm and @sebastianwessel/quickjs when installed), side by
          side, with Gatehouse's CPU per thread and messages per run; write
          bench/results/latest.json. --baseline compares with an earlier
          results file for the "no regression" targets. Exit status 1 when
          a target is missed.
  gates   The semaphore-leak lesson: one workload through Gatehouse's gate and
          through gates broken three common ways, side by side.
  serve   Start the browser edition on loopback and print its URL (with a
          per-launch token). Stop it with Ctrl+C. Scripts are opened and
          saved in --workspace DIR (default: the current folder), which also
          keeps the settings, recent files and draft in DIR/.gatehouse/.`

/** A mistake in the command line: reported with the usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
