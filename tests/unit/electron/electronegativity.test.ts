// scripts/electronegativity.js: how it reads the scanner's CSV and decides.
// Running the scanner itself takes npx and ~10 s; `node scripts/electronegativity.js` does that.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Finding {
  issue: string
  severity: string
  filename: string
  location: string
}
interface ElectronegativityScript {
  parseCsv(text: string): string[][]
  parseFindings(text: string): Finding[]
  evaluate(findings: Finding[]): {
    failing: Finding[]
    allowed: { finding: Finding; reason: string }[]
  }
  ACCEPTED: { issue: string; file: string; reason: string }[]
}

const require = createRequire(import.meta.url)
const script = require(
  resolve(__dirname, '../../../scripts/electronegativity.js'),
) as ElectronegativityScript

// A real report, from a copy of electron/ with contextIsolation switched off.
const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","default-src 'self'; script-src 'self'","One or more CSP directives detected seems to be vulnerable",https://example.invalid/CSP
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main/window.ts","45:6","contextIsolation: false,","Review the use of the contextIsolation option",https://example.invalid/CI
PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/window.ts","44:6","preload: join(__dirname, '..', 'preload', 'index.js'),","Review the use of preload scripts",https://example.invalid/P
`

describe('scripts/electronegativity.js', () => {
  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(script.parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ])
  })

  it('fails on a HIGH finding, accepts the reviewed preload, ignores LOW', () => {
    const findings = script.parseFindings(REPORT)
    expect(findings).toHaveLength(3)
    expect(findings[1]).toMatchObject({
      issue: 'CONTEXT_ISOLATION_JS_CHECK',
      severity: 'HIGH',
      filename: 'electron/main/window.ts',
      location: '45:6',
    })
    const { failing, allowed } = script.evaluate(findings)
    expect(failing.map((finding) => finding.issue)).toEqual(['CONTEXT_ISOLATION_JS_CHECK'])
    expect(allowed.map(({ finding }) => finding.issue)).toEqual(['PRELOAD_JS_CHECK'])
  })

  it('gives a reason for every accepted finding', () => {
    for (const rule of script.ACCEPTED) expect(rule.reason.length).toBeGreaterThan(40)
  })

  it('does not accept a finding of the same check in another file', () => {
    const { failing } = script.evaluate([
      {
        issue: 'PRELOAD_JS_CHECK',
        severity: 'MEDIUM',
        filename: 'electron/main/other.ts',
        location: '1:1',
      },
    ])
    expect(failing).toHaveLength(1)
  })
})
