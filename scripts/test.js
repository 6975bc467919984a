'use strict'
// `npm test`: every check in one command, in the order that fails fastest:
// typecheck, lint, build, vitest (unit + integration), Playwright (Chromium
// against the browser edition). Ends with one line: "N passed, N failed, N skipped".
const { spawnSync } = require('node:child_process')
const { readFileSync, rmSync, mkdirSync } = require('node:fs')
const path = require('node:path')
const { buildIfStale } = require('./build-if-stale.js')

const root = path.resolve(__dirname, '..')
const reports = path.join(root, 'test-results', 'reports')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

function step(name, command, args, env = {}) {
  process.stdout.write(`\n=== ${name}\n`)
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) {
    process.stdout.write(`\n${name} failed (${result.signal ?? `exit ${result.status}`})\n`)
    return false
  }
  return true
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const totals = { passed: 0, failed: 0, skipped: 0 }
let ok =
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']) &&
  step('lint', 'npm', ['run', '--silent', 'lint'])
if (ok) {
  process.stdout.write('\n=== build\n')
  try {
    buildIfStale({ log: (line) => process.stdout.write(`${line}\n`) })
  } catch (error) {
    process.stdout.write(`build failed: ${error.message}\n`)
    ok = false
  }
}
if (ok) {
  const vitestJson = path.join(reports, 'vitest.json')
  ok =
    step('vitest', npx, [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ]) && ok
  try {
    const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
    totals.passed += report.numPassedTests
    totals.failed += report.numFailedTests
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  } catch {
    totals.failed += 1
  }
  const playwrightJson = path.join(reports, 'playwright.json')
  const e2eOk = step('playwright', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  })
  ok = e2eOk && ok
  try {
    const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats
    totals.passed += stats.expected + stats.flaky
    totals.failed += stats.unexpected
    totals.skipped += stats.skipped
  } catch {
    totals.failed += 1
  }
}
process.stdout.write(
  `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
)
process.exit(ok && totals.failed === 0 ? 0 : 1)
