import { formatDurationMs } from '../../format/duration'

type Column = 'p50' | 'p95' | 'p99' | 'max'
type Row = 'queue' | 'run' | 'total'

interface LatencyTableProps {
  latencyMs: Record<Row, Partial<Record<Column, number>>>
  columns: readonly Column[]
}

const ROWS: readonly Row[] = ['queue', 'run', 'total']

/** Queue, run and total time by percentile: the gate's stats and a stress report's. */
export function LatencyTable({ latencyMs, columns }: LatencyTableProps) {
  return (
    <table className="latency">
      <caption className="visually-hidden">Latency in milliseconds</caption>
      <thead>
        <tr>
          <th scope="col">latency</th>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map((column) => (
              <td key={column}>{formatDurationMs(latencyMs[row][column] ?? 0)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
