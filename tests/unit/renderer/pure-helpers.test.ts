import { describe, expect, it } from 'vitest'
import {
  filterConsoleEntries,
  countByLevel,
} from '../../../renderer/components/ConsolePanel/console-filter'
import { shortcutAction } from '../../../renderer/components/Toolbar/shortcut'
import { EXAMPLES } from '../../../renderer/examples/catalog'
import { formatDurationMs, formatElapsedMs } from '../../../renderer/format/duration'
import { appendRunToConsole } from '../../../renderer/store/slices/run/console-entries'
import type { ConsoleEntry } from '../../../renderer/store/slices/run/types'
import { readSettingsDraft } from '../../../renderer/store/slices/settings/settings-form'
import { mergeAlerts, toastText } from '../../../renderer/store/slices/ui/toasts'
import { resolveTheme } from '../../../renderer/theme/theme'
import { nth } from './events'

const levels = { log: true, info: true, warn: true, error: true, debug: true }

describe('console entries', () => {
  const base: ConsoleEntry[] = appendRunToConsole(
    [],
    {
      id: 'r1',
      status: 'ok',
      logs: [
        { level: 'log', text: 'alpha', at: 1 },
        { level: 'warn', text: 'Beta', at: 2 },
      ],
      timing: { queuedMs: 0, runMs: 1, totalMs: 1 },
    },
    10,
    1,
  ).entries

  it('puts a header before each run’s lines, and cuts the oldest past the cap', () => {
    expect(base.map((entry) => entry.kind)).toEqual(['run', 'log', 'log'])
    const capped = appendRunToConsole(
      base,
      {
        id: 'r2',
        status: 'ok',
        logs: [],
        droppedLogs: 3,
        timing: { queuedMs: 0, runMs: 0, totalMs: 0 },
      },
      20,
      4,
      3,
    )
    expect(capped.cut).toBe(1)
    expect(capped.entries.at(-1)).toMatchObject({ kind: 'run', runId: 'r2', droppedLogs: 3 })
  })

  it('filters by text and level, keeping the headers of runs with a match', () => {
    expect(filterConsoleEntries(base, { text: 'beta', levels }).map((e) => e.key)).toEqual([1, 3])
    expect(
      filterConsoleEntries(base, { text: '', levels: { ...levels, warn: false } }).map(
        (e) => e.key,
      ),
    ).toEqual([1, 2])
    expect(filterConsoleEntries(base, { text: 'nothing', levels })).toEqual([])
    expect(countByLevel(base)).toEqual({ log: 1, info: 0, warn: 1, error: 0, debug: 0 })
  })
})

describe('toasts', () => {
  it('counts alerts of a kind into one toast while they keep coming', () => {
    let { toasts, nextId } = mergeAlerts([], [{ kind: 'timeout', seq: 1, cause: 'watchdog' }], 0, 1)
    expect(toastText(nth(toasts, 0))).toBe('Run timed out (watchdog)')
    ;({ toasts, nextId } = mergeAlerts(
      toasts,
      [
        { kind: 'timeout', seq: 2 },
        { kind: 'timeout', seq: 3 },
      ],
      1000,
      nextId,
    ))
    expect(toasts).toHaveLength(1)
    expect(toastText(nth(toasts, 0))).toBe('3 runs timed out')
    // Long after, a new toast.
    ;({ toasts } = mergeAlerts(toasts, [{ kind: 'timeout', seq: 9 }], 60_000, nextId))
    expect(toasts.map((toast) => toast.count)).toEqual([3, 1])
  })
})

describe('small pieces', () => {
  it('maps keys to Run and Stop', () => {
    const key = (
      key: string,
      mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
    ) =>
      shortcutAction({
        key,
        ctrlKey: false,
        metaKey: false,
        altKey: false,
        shiftKey: false,
        ...mods,
      })
    expect(key('Enter', { ctrlKey: true })).toBe('run')
    expect(key('Enter', { metaKey: true })).toBe('run')
    expect(key('F5')).toBe('run')
    expect(key('F5', { shiftKey: true })).toBe('stop')
    expect(key('Enter')).toBeNull()
    expect(key('F5', { ctrlKey: true })).toBeNull()
    expect(key('Enter', { ctrlKey: true, altKey: true })).toBeNull()
  })

  it('formats durations for people', () => {
    expect(formatDurationMs(0.4215)).toBe('0.42 ms')
    expect(formatDurationMs(340.2)).toBe('340 ms')
    expect(formatDurationMs(1250)).toBe('1.25 s')
    expect(formatDurationMs(125_000)).toBe('2 min 5 s')
    expect(formatElapsedMs(1234)).toBe('1.2 s')
    expect(formatElapsedMs(-1)).toBe('–')
  })

  it('validates the settings form against SETTING_RANGES and keeps only changes', () => {
    const current = {
      permits: 4,
      waitTimeoutMs: 10_000,
      lanes: 2,
      runTimeoutMs: 5000,
      memoryMb: 64,
      stackKb: 1024,
    }
    const draft = {
      permits: '1',
      waitTimeoutMs: '10000',
      lanes: '17',
      runTimeoutMs: '5000',
      memoryMb: '6.5',
      stackKb: '',
    }
    const { changes, errors } = readSettingsDraft(draft, current)
    expect(changes).toEqual({ permits: 1 })
    expect(errors).toEqual({
      lanes: 'Lanes must be from 1 to 16',
      memoryMb: 'Memory per run must be a whole number',
      stackKb: 'Stack per run must be a whole number',
    })
  })

  it('resolves the theme from the preference and the system', () => {
    expect(resolveTheme('system', true)).toBe('light')
    expect(resolveTheme('system', false)).toBe('dark')
    expect(resolveTheme('dark', true)).toBe('dark')
  })

  it('has a dozen examples with unique ids covering every kind of run', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12)
    expect(new Set(EXAMPLES.map((example) => example.id)).size).toBe(EXAMPLES.length)
    for (const id of [
      'sync',
      'async',
      'timers',
      'thrown-error',
      'timeout',
      'memory-bomb',
      'deep-recursion',
      'console',
      'large-result',
      'typescript',
      'stuck-builtin',
      'isolation',
    ])
      expect(EXAMPLES.some((example) => example.id === id)).toBe(true)
    for (const example of EXAMPLES)
      if (example.input.trim()) expect(() => JSON.parse(example.input)).not.toThrow()
  })
})
