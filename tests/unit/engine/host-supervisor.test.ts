// The main process's side of the sandbox host, against a fake host process
// (it records what it is sent and says what a real host would) and fake
// timers: batching, loss and restart, the backstop, the heartbeat's fairness
// and rebuilding the lanes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HostProcess } from '../../../src/engine/host-process'
import type { HostListener } from '../../../src/engine/host-supervisor'
import type { LogEntry, RunLogChunk } from '../../../src/protocol/outcome'
import { backstopMs, HostSupervisor } from '../../../src/engine/host-supervisor'
import type {
  HostJob,
  HostReport,
  HostToMain,
  MainToHost,
  SettledReport,
} from '../../../src/protocol/host-messages'

class FakeHost implements HostProcess {
  static nextPid = 1000
  readonly pid = FakeHost.nextPid++
  readonly sent: MainToHost[] = []
  killed = false
  #onMessage: ((message: HostToMain) => void) | undefined
  #onExit: ((code: number | null, signal: string | null) => void)[] = []

  postMessage(message: MainToHost): void {
    this.sent.push(message)
    if (message.type === 'shutdown') queueMicrotask(() => this.exit(0))
  }
  kill(): void {
    this.killed = true
    this.exit(null, 'SIGKILL')
  }
  onMessage(listener: (message: HostToMain) => void): void {
    this.#onMessage = listener
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.#onExit.push(listener)
  }
  say(message: HostToMain): void {
    this.#onMessage?.(message)
  }
  exit(code: number | null, signal: string | null = null): void {
    for (const listener of this.#onExit.splice(0)) listener(code, signal)
  }
  report(part: Partial<HostReport>): void {
    this.say({
      type: 'report',
      hops: { fromMain: 0, toMain: 0, toLanes: 0, fromLanes: 0 },
      lanes: [],
      dispatched: [],
      settled: [],
      ...part,
    })
  }
  runsSent(): string[][] {
    return this.sent.flatMap((m) => (m.type === 'runs' ? [m.jobs.map((j) => j.runId)] : []))
  }
  pings(): number[] {
    return this.sent.flatMap((m) => (m.type === 'ping' ? [m.seq] : []))
  }
}

function job(runId: string): HostJob {
  return {
    runId,
    code: 'return 1',
    route: 'pool',
    limits: { runTimeoutMs: 1000, memoryMb: 16, stackKb: 256 },
  }
}

function ok(runId: string, lane = 0): SettledReport {
  return {
    result: {
      runId,
      lane,
      status: 'ok',
      valueJson: '1',
      logs: [],
      droppedLogs: 0,
      route: 'pool',
      runMs: 1,
    },
  }
}

const quietListener = (): HostListener & { lost: string[][]; heardLogs: RunLogChunk[] } => {
  const lost: string[][] = []
  const heardLogs: RunLogChunk[] = []
  return {
    lost,
    heardLogs,
    lane: () => undefined,
    dispatched: () => undefined,
    settled: () => undefined,
    logs: (chunk: RunLogChunk) => heardLogs.push(chunk),
    hostLost: (_cause, _detail, runIds) => lost.push(runIds),
    hostStarted: () => undefined,
  }
}

function setup(heartbeat = { intervalMs: 100, missedBeats: 5 }) {
  const hosts: FakeHost[] = []
  const listener = quietListener()
  const supervisor = new HostSupervisor(
    () => {
      const host = new FakeHost()
      hosts.push(host)
      return host
    },
    { lanes: 2, laneMemoryMb: 96 },
    listener,
    heartbeat,
    () => 1000,
  )
  supervisor.start()
  const current = (): FakeHost => hosts.at(-1) as FakeHost
  current().say({ type: 'ready', pid: current().pid })
  return { supervisor, hosts, listener, current }
}

beforeEach(() => {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'performance',
      'Date',
    ],
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('HostSupervisor', () => {
  it('sends the runs admitted in one tick as one message, in order', async () => {
    const { supervisor, current } = setup()
    void supervisor.run(job('a'))
    void supervisor.run(job('b'))
    void supervisor.run(job('c'))
    await vi.advanceTimersByTimeAsync(0)
    expect(current().runsSent()).toEqual([['a', 'b', 'c']])
  })

  it('resolves each run once with the host’s report; a second report for it is ignored', async () => {
    const { supervisor, current } = setup()
    const outcome = supervisor.run(job('a'))
    await vi.advanceTimersByTimeAsync(0)
    current().report({
      dispatched: [{ runId: 'a', lane: 1, at: Date.now() }],
      settled: [ok('a', 1)],
    })
    current().report({
      settled: [{ ...ok('a', 1), result: { ...ok('a', 1).result, valueJson: '2' } }],
    })
    expect((await outcome).result.valueJson).toBe('1')
    expect(supervisor.inFlight).toBe(0)
  })

  it('when the host dies, runs on lanes fail as PanicError and runs it had queued go to the next host', async () => {
    const { supervisor, hosts, current, listener } = setup()
    const onLane = supervisor.run(job('on-lane'))
    const queued = supervisor.run(job('queued'))
    await vi.advanceTimersByTimeAsync(0)
    current().report({ dispatched: [{ runId: 'on-lane', lane: 0, at: Date.now() }] })
    current().exit(null, 'SIGKILL')
    expect((await onLane).result.error).toMatchObject({ type: 'PanicError', cause: 'host-exit' })
    expect(listener.lost).toEqual([['on-lane']])
    await vi.advanceTimersByTimeAsync(0)
    expect(hosts).toHaveLength(2)
    // Nothing goes out before the new host says it is ready.
    expect(current().runsSent()).toEqual([])
    current().say({ type: 'ready', pid: current().pid })
    await vi.advanceTimersByTimeAsync(0)
    expect(current().runsSent()).toEqual([['queued']])
    current().report({
      dispatched: [{ runId: 'queued', lane: 0, at: Date.now() }],
      settled: [ok('queued')],
    })
    expect((await queued).result.status).toBe('ok')
  })

  it('a run submitted while the host restarts waits for the new host instead of being dropped', async () => {
    const { supervisor, current, hosts } = setup()
    current().exit(1)
    const late = supervisor.run(job('late'))
    await vi.advanceTimersByTimeAsync(0)
    expect(hosts).toHaveLength(2)
    current().say({ type: 'ready', pid: current().pid })
    await vi.advanceTimersByTimeAsync(0)
    expect(current().runsSent()).toEqual([['late']])
    current().report({ settled: [ok('late')] })
    expect((await late).result.status).toBe('ok')
  })

  it('ignores everything a retired host still says', async () => {
    const { supervisor, hosts, current } = setup()
    const run = supervisor.run(job('a'))
    await vi.advanceTimersByTimeAsync(0)
    const old = current()
    old.exit(1)
    await vi.advanceTimersByTimeAsync(0)
    old.report({ settled: [ok('a')] })
    expect(supervisor.inFlight).toBe(1)
    current().say({ type: 'ready', pid: current().pid })
    await vi.advanceTimersByTimeAsync(0)
    current().report({ settled: [{ result: { ...ok('a').result, valueJson: '7' } }] })
    expect((await run).result.valueJson).toBe('7')
    expect(hosts).toHaveLength(2)
  })

  it('restarts a host that keeps crashing with a growing pause', async () => {
    const { hosts, current } = setup()
    const gaps: number[] = []
    for (let i = 0; i < 4; i++) {
      const before = hosts.length
      const start = Date.now()
      current().exit(1)
      while (hosts.length === before) await vi.advanceTimersByTimeAsync(10)
      gaps.push(Date.now() - start)
    }
    expect(gaps[0]).toBeLessThanOrEqual(10)
    expect(gaps[3]).toBeGreaterThan(gaps[2] as number)
    expect(gaps[2]).toBeGreaterThan(gaps[1] as number)
  })

  it('the backstop ends a run the host put on a lane and never answered, as PanicError host-unresponsive', async () => {
    const { supervisor, current } = setup({ intervalMs: 100, missedBeats: 5 })
    const run = supervisor.run(job('lost'))
    await vi.advanceTimersByTimeAsync(0)
    current().report({ dispatched: [{ runId: 'lost', lane: 0, at: Date.now() }] })
    // Keep the heartbeat answered: the host is alive, it only lost this run.
    const answer = setInterval(() => {
      for (const seq of current().pings())
        current().say({
          type: 'pong',
          seq,
          rssBytes: 1,
          hops: { fromMain: 0, toMain: 0, toLanes: 0, fromLanes: 0 },
          lanes: [],
        })
    }, 50)
    await vi.advanceTimersByTimeAsync(backstopMs(1000) + 1100)
    clearInterval(answer)
    expect((await run).result.error).toMatchObject({
      type: 'PanicError',
      cause: 'host-unresponsive',
    })
    expect(current().killed).toBe(false)
  })

  it('a host that stops answering is killed after the missed beats, and its runs end', async () => {
    const { supervisor, hosts } = setup({ intervalMs: 100, missedBeats: 3 })
    const first = hosts[0] as FakeHost
    const run = supervisor.run(job('a'))
    await vi.advanceTimersByTimeAsync(0)
    first.report({ dispatched: [{ runId: 'a', lane: 0, at: Date.now() }] })
    await vi.advanceTimersByTimeAsync(600)
    expect(first.killed).toBe(true)
    expect((await run).result.error).toMatchObject({
      type: 'PanicError',
      cause: 'host-unresponsive',
    })
  })

  it('a stall of the main process itself is not held against the host', async () => {
    let clock = 0
    vi.spyOn(performance, 'now').mockImplementation(() => clock)
    const { hosts } = setup({ intervalMs: 100, missedBeats: 3 })
    const host = hosts[0] as FakeHost
    const pong = (): void => {
      for (const seq of host.pings())
        host.say({
          type: 'pong',
          seq,
          rssBytes: 1,
          hops: { fromMain: 0, toMain: 0, toLanes: 0, fromLanes: 0 },
          lanes: [],
        })
    }
    clock = 100
    await vi.advanceTimersByTimeAsync(100) // a ping goes out
    expect(host.pings()).toHaveLength(1)
    // The main thread was blocked for two seconds: the host's answer sits
    // unread, and the next beat runs before it is read.
    clock = 2100
    await vi.advanceTimersByTimeAsync(100)
    pong()
    clock = 2200
    await vi.advanceTimersByTimeAsync(100)
    expect(host.killed).toBe(false)
    // The same silence while the main process was free to listen is held against it.
    for (let i = 0; i < 5; i++) {
      clock += 100
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(host.killed).toBe(true)
  })

  it('rebuilds the lanes only after the runs on the old host are done; runs admitted meanwhile go to the new host', async () => {
    const { supervisor, hosts, current } = setup()
    const old = current()
    const running = supervisor.run(job('old-run'))
    await vi.advanceTimersByTimeAsync(0)
    old.report({ dispatched: [{ runId: 'old-run', lane: 0, at: Date.now() }] })
    const rebuilt = supervisor.reconfigure({ lanes: 4, laneMemoryMb: 96 })
    const waiting = supervisor.run(job('new-run'))
    await vi.advanceTimersByTimeAsync(10)
    expect(hosts).toHaveLength(1)
    expect(old.runsSent()).toEqual([['old-run']])
    old.report({ settled: [ok('old-run')] })
    await running
    await vi.advanceTimersByTimeAsync(10)
    await rebuilt
    expect(hosts).toHaveLength(2)
    expect(current().sent[0]).toEqual({ type: 'configure', config: { lanes: 4, laneMemoryMb: 96 } })
    current().say({ type: 'ready', pid: current().pid })
    await vi.advanceTimersByTimeAsync(0)
    expect(current().runsSent()).toEqual([['new-run']])
    current().report({ settled: [ok('new-run')] })
    expect((await waiting).result.status).toBe('ok')
  })

  it('stop() gives every run still held its outcome', async () => {
    const { supervisor } = setup()
    const run = supervisor.run(job('a'))
    await vi.advanceTimersByTimeAsync(0)
    const stopped = supervisor.stop()
    await vi.advanceTimersByTimeAsync(0)
    await stopped
    expect((await run).result.error?.type).toBe('PanicError')
  })

  describe('live console lines', () => {
    const line = (text: string): LogEntry => ({ level: 'log', text, at: 1 })
    const chunk = (runId: string, from: number, texts: string[], dropped = 0): RunLogChunk => ({
      runId,
      from,
      entries: texts.map(line),
      dropped,
    })

    it('passes a live run’s lines on in order, each once, before its result in the same report', async () => {
      const { supervisor, current, listener } = setup()
      const heard: string[] = []
      const settledFirst = listener.settled
      listener.settled = (report) => {
        heard.push(`settled ${report.result.runId}`)
        settledFirst(report)
      }
      const outcome = supervisor.run({ ...job('a'), liveLogs: true })
      await vi.advanceTimersByTimeAsync(0)
      current().report({ dispatched: [{ runId: 'a', lane: 0, at: Date.now() }] })
      current().report({ logs: [chunk('a', 0, ['one', 'two'])] })
      // A repeat of lines already heard, and one more: only the new line goes on.
      current().report({ logs: [chunk('a', 1, ['two', 'three'])] })
      current().report({ logs: [chunk('a', 3, ['four'], 2)], settled: [ok('a')] })
      heard.push(
        ...listener.heardLogs.map((c) => `${c.from}:${c.entries.map((e) => e.text).join(',')}`),
      )
      expect(
        listener.heardLogs.map((c) => [c.from, c.entries.map((e) => e.text), c.dropped]),
      ).toEqual([
        [0, ['one', 'two'], 0],
        [2, ['three'], 0],
        [3, ['four'], 2],
      ])
      expect(heard[0]).toBe('settled a')
      await outcome
    })

    it('ignores lines of a run that did not ask for them, of a run it does not hold, and after a gap', async () => {
      const { supervisor, current, listener } = setup()
      void supervisor.run(job('quiet'))
      void supervisor.run({ ...job('live'), liveLogs: true })
      await vi.advanceTimersByTimeAsync(0)
      current().report({
        logs: [chunk('quiet', 0, ['x']), chunk('stranger', 0, ['y']), chunk('live', 5, ['z'])],
      })
      expect(listener.heardLogs).toEqual([])
    })

    it('a run lost with its lane or host keeps the lines it streamed', async () => {
      const { supervisor, current } = setup()
      const lostOnLane = supervisor.run({ ...job('a'), liveLogs: true })
      const lostWithHost = supervisor.run({ ...job('b'), liveLogs: true })
      await vi.advanceTimersByTimeAsync(0)
      current().report({
        dispatched: [
          { runId: 'a', lane: 0, at: Date.now() },
          { runId: 'b', lane: 1, at: Date.now() },
        ],
        logs: [chunk('a', 0, ['a1', 'a2'], 1), chunk('b', 0, ['b1'])],
      })
      current().report({
        settled: [
          {
            result: {
              ...ok('a').result,
              status: 'error',
              error: { type: 'PanicError', cause: 'lane-exit', message: 'gone' },
            },
            replacing: 'lane-exit',
          },
        ],
      })
      const a = (await lostOnLane).result
      expect(a.logs.map((e) => e.text)).toEqual(['a1', 'a2'])
      expect(a.droppedLogs).toBe(1)
      current().exit(1)
      const b = (await lostWithHost).result
      expect(b.error?.type).toBe('PanicError')
      expect(b.logs.map((e) => e.text)).toEqual(['b1'])
    })

    it('a run that answers keeps its own whole log, which holds what it streamed', async () => {
      const { supervisor, current } = setup()
      const outcome = supervisor.run({ ...job('a'), liveLogs: true })
      await vi.advanceTimersByTimeAsync(0)
      current().report({
        dispatched: [{ runId: 'a', lane: 0, at: Date.now() }],
        logs: [chunk('a', 0, ['one'])],
      })
      const whole = { ...ok('a').result, logs: [line('one'), line('two')] }
      current().report({ settled: [{ result: whole }] })
      expect((await outcome).result.logs.map((e) => e.text)).toEqual(['one', 'two'])
    })
  })
})
