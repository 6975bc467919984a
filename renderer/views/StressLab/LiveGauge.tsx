import { useEffect, useRef } from 'react'
import { formatElapsedMs } from '../../format/duration'
import type { StressLiveFeed } from '../../store/slices/stress/live-feed'
import { isActiveStress } from '../../store/slices/stress/live-feed'

const number = new Intl.NumberFormat('en')
/** More permits than this show as a bar instead of one box each. */
const MAX_PERMIT_BOXES = 32
/** A main-process delay above this (p99, ms) is worth a warning colour. */
const SLOW_LOOP_MS = 50
/** While a stress runs, the clock and the throughput advance this often even between batches. */
const CLOCK_MS = 50

const delay = (value: number) => value.toFixed(1)

/**
 * What the gate and the stress do right now: progress, permits, waiters,
 * lanes, elapsed time, throughput and the main process's event-loop delay.
 * It writes into the DOM directly, never through React: on every change of
 * the live feed (at most once per animation frame, up to ~30 times a second
 * while telemetry flows) and, while a stress runs, 20 times a second.
 */
export function LiveGauge({ feed, name }: { feed: StressLiveFeed; name?: string }) {
  const rootRef = useRef<HTMLElement>(null)

  useEffect(() => {
    const root = rootRef.current
    if (!root) return
    const field = (name: string) => root.querySelector<HTMLElement>(`[data-gauge="${name}"]`)
    const nodes = {
      settled: field('settled'),
      total: field('total'),
      ok: field('ok'),
      failed: field('failed'),
      rejected: field('rejected'),
      progress: field('progress'),
      permits: field('permits'),
      permitBoxes: field('permit-boxes'),
      waiters: field('waiters'),
      lanes: field('lanes'),
      throughput: field('throughput'),
      loop: field('loop'),
      elapsed: field('elapsed'),
    }
    const text = (node: HTMLElement | null, value: string) => {
      if (node && node.textContent !== value) node.textContent = value
    }
    let boxes = -1
    let paints = 0
    const paint = () => {
      // A repaint count on the element, for the tests' refresh-rate check.
      root.dataset.paints = String(++paints)
      const g = feed.gauge
      text(nodes.settled, number.format(g.settled))
      text(nodes.total, number.format(g.total))
      text(nodes.ok, number.format(g.ok))
      text(nodes.failed, number.format(g.failed))
      text(nodes.rejected, number.format(g.rejected))
      const fraction = g.total > 0 ? Math.min(1, g.settled / g.total) : 0
      if (nodes.progress) nodes.progress.style.transform = `scaleX(${fraction})`
      text(nodes.permits, `${g.permitsInUse} / ${g.permits}`)
      const host = nodes.permitBoxes
      if (host) {
        const count = g.permits <= MAX_PERMIT_BOXES ? g.permits : 0
        if (count !== boxes) {
          boxes = count
          host.replaceChildren(
            ...Array.from({ length: count }, () => {
              const box = document.createElement('i')
              box.className = 'gauge-permit'
              return box
            }),
          )
          host.classList.toggle('gauge-permit-bar', count === 0)
        }
        if (count > 0) {
          const children = host.children
          for (let i = 0; i < children.length; i++)
            children[i]?.classList.toggle('is-held', i < g.permitsInUse)
        } else {
          host.style.setProperty('--held', String(g.permits > 0 ? g.permitsInUse / g.permits : 0))
        }
      }
      text(nodes.waiters, number.format(g.waiters))
      text(nodes.lanes, `${g.lanesBusy} / ${g.lanes}`)
      text(nodes.throughput, number.format(feed.throughputPerSec()))
      const elapsed = feed.elapsedMs()
      text(nodes.elapsed, elapsed === null ? '–' : formatElapsedMs(elapsed))
      const loop = g.eventLoopDelayMs
      text(
        nodes.loop,
        loop ? `${delay(loop.p50)} / ${delay(loop.p99)} / ${delay(loop.max)}` : 'not measured',
      )
      nodes.loop?.classList.toggle('is-slow', loop !== null && loop.p99 > SLOW_LOOP_MS)
    }
    // The feed calls back at most once per animation frame; while a stress runs
    // a clock repaints too, so time and throughput move even when batches stall.
    let clock: ReturnType<typeof setInterval> | undefined
    const onChange = () => {
      paint()
      const active = isActiveStress(feed.gauge.state)
      if (active && !clock) clock = setInterval(paint, CLOCK_MS)
      else if (!active && clock) {
        clearInterval(clock)
        clock = undefined
      }
    }
    onChange()
    const unsubscribe = feed.subscribe(onChange)
    return () => {
      unsubscribe()
      if (clock) clearInterval(clock)
    }
  }, [feed])

  return (
    <section
      ref={rootRef}
      className="gauge"
      aria-label={name ? `Live gauge ${name}` : 'Live gauge'}
    >
      <div className="gauge-progress">
        <div className="gauge-line">
          <span className="gauge-big">
            <span data-gauge="settled">0</span> / <span data-gauge="total">0</span>
          </span>
          <span className="gauge-label">settled</span>
          <span className="gauge-split">
            <span className="tone-ok">
              ok <span data-gauge="ok">0</span>
            </span>
            <span className="tone-error">
              failed <span data-gauge="failed">0</span>
            </span>
            <span className="tone-warn" title="Never got a permit: the wait timed out">
              of them rejected <span data-gauge="rejected">0</span>
            </span>
          </span>
        </div>
        <div className="gauge-track">
          <div className="gauge-fill" data-gauge="progress" />
        </div>
      </div>
      <dl className="gauge-stats">
        <div>
          <dt>permits in use</dt>
          <dd>
            <span data-gauge="permits">0 / 0</span>
            <span className="gauge-permits" data-gauge="permit-boxes" />
          </dd>
        </div>
        <div>
          <dt>waiting</dt>
          <dd data-gauge="waiters">0</dd>
        </div>
        <div>
          <dt>lanes busy</dt>
          <dd data-gauge="lanes">0 / 0</dd>
        </div>
        <div>
          <dt>elapsed</dt>
          <dd data-gauge="elapsed">–</dd>
        </div>
        <div>
          <dt title="Runs that got a permit and settled, over the last second while it runs; the average once it is over. Rejected runs do not count.">
            throughput (completed/s)
          </dt>
          <dd data-gauge="throughput">0</dd>
        </div>
        <div title="How late the main process's event loop ran its timers over the last second: p50 / p99 / max, in ms">
          <dt>main loop delay p50/p99/max (ms)</dt>
          <dd data-gauge="loop">not measured</dd>
        </div>
      </dl>
    </section>
  )
}
