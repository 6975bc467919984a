import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/protocol/settings'
import { boundText, keptSpans, LogCollector } from '../../../src/sandbox/log-collector'

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value))

describe('boundText', () => {
  it('keeps a text that fits as it is', () => {
    expect(boundText('hello', 5, 100)).toBe('hello')
  })

  it('cuts by the JSON size, control characters counting their escapes, and says how much went', () => {
    const text = '\u0001'.repeat(1000)
    const kept = boundText(text, 1000, 200)
    expect(jsonBytes(kept)).toBeLessThanOrEqual(200)
    const cut = Number(/truncated: ([\d,]+) more characters\]$/.exec(kept)?.[1]?.replace(/,/g, ''))
    expect(kept.startsWith('\u0001')).toBe(true)
    expect(kept.indexOf(' \u2026') + cut).toBe(1000)
  })

  it('counts what the sandbox already cut off, and never splits a surrogate pair', () => {
    expect(boundText('abc', 3_000_000, 100)).toBe(
      'abc \u2026 [truncated: 2,999,997 more characters]',
    )
    const kept = boundText('\ud83d\ude00'.repeat(100), 200, 80)
    expect(jsonBytes(kept)).toBeLessThanOrEqual(80)
    expect(kept.split(' \u2026')[0]?.length).toSatisfy((n: number) => n % 2 === 0)
  })
})

describe('LogCollector', () => {
  it('keeps entries within the entry budget and counts the rest', () => {
    const logs = new LogCollector()
    for (let i = 0; i < LIMITS.maxLogEntries + 5; i++) logs.add('log', `line ${i}`, 6)
    expect(logs.entries).toHaveLength(LIMITS.maxLogEntries)
    expect(logs.dropped).toBe(5)
    expect(logs.full).toBe(true)
  })

  it('stops at the byte budget: once a line does not fit, later ones are only counted', () => {
    const logs = new LogCollector()
    const big = 'x'.repeat(LIMITS.maxLogLineBytes)
    for (let i = 0; i < 40; i++) logs.add('warn', big, big.length)
    logs.add('log', 'small', 5)
    const bytes = logs.entries.reduce((sum, e) => sum + jsonBytes([e.level, e.at, e.text]) + 1, 0)
    expect(bytes).toBeLessThanOrEqual(LIMITS.maxLogBytes)
    expect(logs.entries.length + logs.dropped).toBe(41)
    expect(logs.entries.at(-1)?.text).not.toBe('small')
  })
})

describe('spans of logged objects', () => {
  it('keeps well-formed spans within the kept text, and drops the rest', () => {
    expect(keptSpans('0,3,4,9', 9)).toEqual([0, 3, 4, 9])
    expect(keptSpans('0,3,4,9', 8)).toEqual([0, 3])
    expect(keptSpans('4,9,0,3', 9)).toEqual([4, 9])
    expect(keptSpans('x,3', 9)).toBeUndefined()
    expect(keptSpans('2,2', 9)).toBeUndefined()
  })

  it('a cut line keeps only the objects wholly before the cut, and the spans count in the budget', () => {
    const logs = new LogCollector()
    const object = JSON.stringify({ big: 'y'.repeat(LIMITS.maxLogLineBytes) })
    const text = `{"a":1} ${object}`
    logs.add('log', text, text.length, `0,7,8,${text.length}`)
    const [entry] = logs.entries
    expect(entry?.spans).toEqual([0, 7])
    expect(entry?.text.slice(0, 7)).toBe('{"a":1}')
    expect(jsonBytes([entry?.level, entry?.at, entry?.text, entry?.spans])).toBeLessThanOrEqual(
      LIMITS.maxLogLineBytes + 64,
    )
  })
})
