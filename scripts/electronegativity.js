'use strict'
// Runs Doyensec's electronegativity (an Electron security scanner) over the
// Electron and renderer sources and fails on any HIGH or MEDIUM finding that
// is not accepted below with a reason.
//
// It pins old TypeScript and ESLint, so it runs through `npx --yes` in its own
// folder, never from the project's dependency tree. It needs no build and no
// network beyond the npm registry (it warns that it cannot fetch Electron's
// release list; that is expected offline). It scans a copy of electron/ and
// renderer/ only: the scanner's CSP check has to see the page's <meta> and
// the Electron code together, and node_modules must stay out of the scan.
//
// Usage: node scripts/electronegativity.js [--keep]   (--keep leaves the report)

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const PROJECT_ROOT = path.resolve(__dirname, '..')
const SCANNER = '@doyensec/electronegativity@1.10.3'
const SCANNED_FOLDERS = ['electron', 'renderer']
const FAILING_SEVERITIES = new Set(['HIGH', 'MEDIUM'])

/**
 * Findings reviewed and accepted. Each names the check, the file, and why it
 * does not apply. Anything else HIGH or MEDIUM fails the run.
 */
const ACCEPTED = [
  {
    issue: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    reason:
      'The check asks for a review of every preload. Ours (electron/preload/index.ts) runs ' +
      'sandboxed with contextIsolation, exposes named methods only (one per API channel, plus ' +
      'two subscriptions), never ipcRenderer or a generic send; tests/unit/electron/preload.test.ts ' +
      'asserts exactly that.',
  },
]

/** Splits CSV text into rows of fields (quoted fields, doubled quotes, commas inside quotes). */
function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((value) => value.trim() !== '')) rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  row.push(field)
  if (row.some((value) => value.trim() !== '')) rows.push(row)
  return rows
}

/** The report's findings as objects keyed by its (trimmed, lower-case) header. */
function parseFindings(csvText) {
  const [header, ...rows] = parseCsv(csvText)
  if (!header) return []
  const keys = header.map((name) => name.trim().toLowerCase())
  return rows.map((row) => {
    const finding = {}
    keys.forEach((key, index) => {
      finding[key] = (row[index] ?? '').trim()
    })
    finding.filename = (finding.filename ?? '').split(path.sep).join('/')
    return finding
  })
}

/** Splits findings into those that fail the run and those accepted (with their reason). */
function evaluate(findings, accepted = ACCEPTED) {
  const failing = []
  const allowed = []
  for (const finding of findings) {
    if (!FAILING_SEVERITIES.has(String(finding.severity).toUpperCase())) continue
    const rule = accepted.find(
      (entry) => entry.issue === finding.issue && finding.filename.endsWith(entry.file),
    )
    if (rule) allowed.push({ finding, reason: rule.reason })
    else failing.push(finding)
  }
  return { failing, allowed }
}

/** The Electron version the app is built for, for the scanner's version-aware checks. */
function electronVersion(root = PROJECT_ROOT) {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
    ).version
  } catch {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
      const range = manifest.devDependencies?.electron ?? manifest.dependencies?.electron ?? ''
      const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range)
      if (match) return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`
    } catch {
      // No package.json: let the scanner guess.
    }
    return null
  }
}

function describe(finding) {
  return `${finding.severity} ${finding.issue} ${finding.filename}:${finding.location}\n    ${finding.description}${finding.sample && finding.sample !== 'N/A' ? `\n    ${finding.sample}` : ''}`
}

function main() {
  const keep = process.argv.includes('--keep')
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-electronegativity-'))
  const input = path.join(work, 'src')
  const report = path.join(work, 'report.csv')
  try {
    for (const folder of SCANNED_FOLDERS) {
      const source = path.join(PROJECT_ROOT, folder)
      if (!fs.existsSync(source)) throw new Error(`${folder}/ is missing: nothing to scan`)
      fs.cpSync(source, path.join(input, folder), { recursive: true })
    }
    const args = ['--yes', SCANNER, '-i', input, '-o', report, '-r']
    const version = electronVersion()
    if (version) args.push('-e', version)
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
    process.stdout.write(
      `electronegativity: scanning ${SCANNED_FOLDERS.join('/, ')}/ (Electron ${version ?? 'unknown'})\n`,
    )
    const result = spawnSync(npx, args, {
      cwd: work, // its own folder: no project config or dependency tree in the way
      encoding: 'utf8',
      timeout: 10 * 60 * 1000,
      shell: process.platform === 'win32',
    })
    if (result.error) throw new Error(`could not run ${SCANNER} with npx: ${result.error.message}`)
    if (result.status !== 0 || !fs.existsSync(report)) {
      throw new Error(
        `${SCANNER} failed (exit ${result.status}):\n${result.stderr || result.stdout}`.trim(),
      )
    }
    const findings = parseFindings(fs.readFileSync(report, 'utf8'))
    const { failing, allowed } = evaluate(findings)
    for (const { finding, reason } of allowed) {
      process.stdout.write(`accepted: ${describe(finding)}\n    reason: ${reason}\n`)
    }
    const lower = findings.length - failing.length - allowed.length
    if (failing.length > 0) {
      process.stderr.write(`electronegativity: ${failing.length} HIGH/MEDIUM finding(s):\n`)
      for (const finding of failing) process.stderr.write(`  ${describe(finding)}\n`)
      process.exitCode = 1
    } else {
      process.stdout.write(
        `electronegativity: no HIGH or MEDIUM finding (${allowed.length} accepted, ${lower} low/informational)\n`,
      )
    }
    if (keep) process.stdout.write(`report: ${report}\n`)
  } catch (error) {
    process.stderr.write(`electronegativity: ${error.message}\n`)
    process.exitCode = 1
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true })
  }
}

if (require.main === module) main()

module.exports = { parseCsv, parseFindings, evaluate, electronVersion, ACCEPTED }
