import type { MatrixInterval, MatrixRun } from '../../../src/protocol/leak-matrix'
import { formatDurationMs } from '../../format/duration'

/** One row of a permit timeline: when a run waited, held its permit, and ran. */
export interface TimelineRow {
  id: string
  label: string
  /** From submission to its outcome (the wait shows as a thin line). */
  lifeMs: [number, number]
  permitMs: [number, number] | null
  runningMs: [number, number] | null
  /** Colours the running bar: ok, error, timeout or panic. */
  tone: 'ok' | 'error' | 'timeout' | 'panic' | 'abandoned'
  /** Work that went on after the permit came back (drawn in the error colour). */
  overrun?: boolean
}

const ROW_HEIGHT = 18
const LABEL_WIDTH = 96
/** The default width of the drawing, in its own units (it scales to its box). */
const WIDTH = 560
const MAX_ROWS = 10

function toneOf(outcome: string): TimelineRow['tone'] {
  if (outcome === 'ok') return 'ok'
  if (outcome.startsWith('TimeoutError')) return 'timeout'
  if (outcome.startsWith('PanicError')) return 'panic'
  return 'error'
}

/** A matrix run as a timeline row. */
export function runRow(run: MatrixRun): TimelineRow {
  return {
    id: run.id,
    label: run.role === 'probe' ? 'this path' : run.id.replace(/^.*-/, ''),
    lifeMs: [run.submittedMs, run.settledMs],
    permitMs:
      run.permitTakenMs === null
        ? null
        : [run.permitTakenMs, run.permitReturnedMs ?? run.settledMs],
    runningMs:
      run.startedMs === null || run.stoppedMs === null ? null : [run.startedMs, run.stoppedMs],
    tone: toneOf(run.outcome),
  }
}

/** A script of the overcommit picture as a timeline row. */
export function intervalRow(interval: MatrixInterval): TimelineRow {
  const overrun = interval.runningMs[1] > interval.permitMs[1] + 1
  return {
    id: interval.id,
    label: interval.id.replace(/^.*-(probe)$/, 'stuck').replace(/^.*-/, ''),
    lifeMs: [interval.permitMs[0], Math.max(interval.permitMs[1], interval.runningMs[1])],
    permitMs: interval.permitMs,
    runningMs: interval.runningMs,
    tone: overrun ? 'abandoned' : toneOf(interval.ended),
    overrun,
  }
}

interface MatrixTimelineProps {
  rows: readonly TimelineRow[]
  /** The accessible summary of the picture. */
  label: string
  /** The permit count, to draw the "running at once" strip against it. */
  permits?: number
  /** The drawing's width in its own units: smaller for a narrower box, so the text stays legible. */
  width?: number
}

/**
 * A small permit timeline: one row per run, a thin line while it waits, a
 * band while it holds its permit, a bar while its script really runs. An
 * SVG scaled to its box, with the time axis in milliseconds from the start.
 */
export function MatrixTimeline({ rows, label, permits, width = WIDTH }: MatrixTimelineProps) {
  const shown = rows.slice(0, MAX_ROWS)
  const endMs = Math.max(
    1,
    ...shown.flatMap((row) => [row.lifeMs[1], row.permitMs?.[1] ?? 0, row.runningMs?.[1] ?? 0]),
  )
  const plotWidth = width - LABEL_WIDTH - 8
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / endMs) * plotWidth
  const strip = permits === undefined ? 0 : 1
  const height = (shown.length + strip) * ROW_HEIGHT + 18
  const runningAt = (ms: number) =>
    shown.filter((row) => row.runningMs && row.runningMs[0] <= ms && ms < row.runningMs[1]).length

  return (
    <figure className="matrix-timeline">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {shown.map((row, index) => {
          const y = (index + strip) * ROW_HEIGHT + 4
          return (
            <g key={row.id}>
              <text x={0} y={y + 11} className="matrix-timeline-label">
                {row.label}
              </text>
              <line
                x1={x(row.lifeMs[0])}
                x2={x(row.lifeMs[1])}
                y1={y + 7}
                y2={y + 7}
                className="matrix-wait"
              />
              {row.permitMs && (
                <rect
                  x={x(row.permitMs[0])}
                  y={y}
                  width={Math.max(2, x(row.permitMs[1]) - x(row.permitMs[0]))}
                  height={14}
                  rx={2}
                  className="matrix-permit"
                />
              )}
              {row.runningMs && (
                <rect
                  x={x(row.runningMs[0])}
                  y={y + 4}
                  width={Math.max(2, x(row.runningMs[1]) - x(row.runningMs[0]))}
                  height={6}
                  rx={1}
                  className={`matrix-running tone-${row.tone}`}
                />
              )}
              <circle cx={x(row.lifeMs[0])} cy={y + 7} r={2.5} className="matrix-submit" />
              <line
                x1={x(row.lifeMs[1])}
                x2={x(row.lifeMs[1])}
                y1={y + 1}
                y2={y + 13}
                className="matrix-end"
              />
            </g>
          )
        })}
        {permits !== undefined && (
          <RunningStrip
            x={x}
            endMs={endMs}
            width={plotWidth}
            permits={permits}
            runningAt={runningAt}
          />
        )}
        <text x={LABEL_WIDTH} y={height - 2} className="matrix-timeline-axis">
          0
        </text>
        <text x={width - 4} y={height - 2} textAnchor="end" className="matrix-timeline-axis">
          {formatDurationMs(endMs)}
        </text>
      </svg>
      {rows.length > shown.length && (
        <figcaption className="matrix-timeline-more">
          and {rows.length - shown.length} more runs
        </figcaption>
      )}
    </figure>
  )
}

interface RunningStripProps {
  x: (ms: number) => number
  endMs: number
  width: number
  permits: number
  runningAt: (ms: number) => number
}

/** The top row: how many scripts run at each moment, red where it exceeds the permits. */
function RunningStrip({ x, endMs, width, permits, runningAt }: RunningStripProps) {
  const steps = Math.max(1, Math.round(width / 3))
  const cells = Array.from({ length: steps }, (_, i) => {
    const ms = (i / steps) * endMs
    return { ms, running: runningAt(ms) }
  })
  return (
    <g>
      <text x={0} y={15} className="matrix-timeline-label">
        running
      </text>
      {cells.map(
        (cell, i) =>
          cell.running > 0 && (
            <rect
              key={i}
              x={x(cell.ms)}
              y={4}
              width={width / steps + 0.5}
              height={14}
              className={cell.running > permits ? 'matrix-strip over' : 'matrix-strip'}
              opacity={Math.min(1, 0.25 + (0.75 * cell.running) / (permits * 2))}
            />
          ),
      )}
    </g>
  )
}
