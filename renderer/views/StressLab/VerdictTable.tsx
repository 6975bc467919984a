import type { StressDiff, VerdictRow } from '../../../src/engine/stress/compare-reports'
import type { StressReportFull } from '../../../src/protocol/stress'

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 })

function reading(value: number, unit: VerdictRow['unit']): string {
  if (unit === 'ms') return `${number.format(value)} ms`
  if (unit === 'runs/s') return `${number.format(value)}/s`
  return number.format(value)
}

function difference(row: VerdictRow): string {
  if (row.difference === 0) return '±0'
  const sign = row.difference > 0 ? '+' : '−'
  const magnitude = reading(Math.abs(row.difference), row.unit)
  const relative =
    row.relative === null ? '' : ` (${sign}${number.format(Math.abs(row.relative) * 100)}%)`
  return `${sign}${magnitude}${relative}`
}

/**
 * A against B, metric by metric: both readings, the difference (B − A) and
 * which did better, with the workload check and both audits above it.
 */
export function VerdictTable({
  diff,
  a,
}: {
  diff: StressDiff
  /** A's report: the shared workload's size and seed. */
  a: StressReportFull
}) {
  return (
    <section className="verdict panel" aria-labelledby="verdict-title">
      <header className="panel-header">
        <h2 id="verdict-title" className="panel-title">
          Verdict: A vs B
        </h2>
        <div className="panel-aside">
          <span className="tag" aria-label="Wins">
            A {diff.wins.a} · B {diff.wins.b} · even {diff.wins.tie}
          </span>
        </div>
      </header>
      <div className="panel-body">
        <p className={diff.sameWorkload ? 'field-help' : 'field-error-text'} role="note">
          {diff.sameWorkload
            ? `The same workload: ${number.format(a.plan.runs)} runs, seed ${a.plan.seed}. `
            : `Different workloads: ${diff.workloadDifferences.join('; ')}. `}
          {diff.mode === 'sequential'
            ? 'A and B ran one after the other on this machine, each with the whole gate.'
            : 'Two separate runs, compared afterwards: the machine may have been busier for one.'}
        </p>
        <table className="verdict-table">
          <caption className="visually-hidden">Policy A against policy B</caption>
          <thead>
            <tr>
              <th scope="col">metric</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">B − A</th>
              <th scope="col">better</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row) => (
              <tr key={row.metric} data-metric={row.metric} data-winner={row.winner}>
                <th scope="row">
                  {row.label}
                  <span className="verdict-direction">{row.better === 'higher' ? ' ↑' : ' ↓'}</span>
                </th>
                <td>{reading(row.a, row.unit)}</td>
                <td>{reading(row.b, row.unit)}</td>
                <td>{difference(row)}</td>
                <td className="verdict-winner">
                  {row.winner === 'tie' ? 'even' : row.winner.toUpperCase()}
                </td>
              </tr>
            ))}
            <tr data-metric="audit">
              <th scope="row">Audit</th>
              <td>{diff.audit.a ? 'PASS' : 'FAIL'}</td>
              <td>{diff.audit.b ? 'PASS' : 'FAIL'}</td>
              <td />
              <td />
            </tr>
          </tbody>
        </table>
        <p className="field-help">↑ higher is better · ↓ lower is better</p>
      </div>
    </section>
  )
}
