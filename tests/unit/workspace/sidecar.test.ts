import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSidecar, serializeSidecar } from '../../../src/workspace/sidecar'

describe('sidecar format', () => {
  it('stores input as JSON and limits as they are', () => {
    const text = serializeSidecar({ input: '{"items": [1, 2, 3]}', limits: { runTimeoutMs: 2000 } })
    expect(JSON.parse(text ?? '')).toEqual({
      gatehouse: 1,
      input: { items: [1, 2, 3] },
      limits: { runTimeoutMs: 2000 },
    })
  })

  it('keeps input text that is not (yet) valid JSON verbatim', () => {
    const text = serializeSidecar({ input: '{ "a": ' })
    expect(JSON.parse(text ?? '')).toEqual({ gatehouse: 1, inputText: '{ "a": ' })
    expect(parseSidecar(JSON.parse(text ?? ''), 'x.js.gatehouse.json')).toEqual({
      input: '{ "a": ',
    })
  })

  it('has nothing to write without input or limits', () => {
    expect(serializeSidecar({})).toBeNull()
    expect(serializeSidecar({ input: '   \n', limits: {} })).toBeNull()
  })

  it('round-trips any JSON input (pretty-printed) and any valid limits', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.record(
          {
            runTimeoutMs: fc.integer({ min: 10, max: 600_000 }),
            memoryMb: fc.integer({ min: 8, max: 1024 }),
            stackKb: fc.integer({ min: 64, max: 4096 }),
          },
          { requiredKeys: [] },
        ),
        (value, limits) => {
          const input = JSON.stringify(value)
          const text = serializeSidecar({ input, limits })
          const hasLimits = Object.keys(limits).length > 0
          if (text === null) return
          const read = parseSidecar(JSON.parse(text), 's')
          expect(read.error).toBeUndefined()
          expect(JSON.parse(read.input ?? 'null')).toEqual(JSON.parse(input))
          if (hasLimits) expect(read.limits).toEqual(limits)
        },
      ),
    )
  })

  it('says what is wrong and keeps the valid parts', () => {
    expect(parseSidecar([1], 'a.js.gatehouse.json').error).toContain('not a JSON object')
    expect(parseSidecar({ input: 1 }, 'a.js.gatehouse.json').error).toContain('"gatehouse": 1')
    expect(parseSidecar({ gatehouse: 7 }, 'a.js.gatehouse.json').error).toContain('newer Gatehouse')

    const partly = parseSidecar(
      { gatehouse: 1, input: { a: 1 }, limits: { runTimeoutMs: 1 } },
      'a.js.gatehouse.json',
    )
    expect(partly.input).toBe('{\n  "a": 1\n}')
    expect(partly.limits).toBeUndefined()
    expect(partly.error).toMatch(
      /^a\.js\.gatehouse\.json: limits: runTimeoutMs must be at least 10/,
    )
  })
})
