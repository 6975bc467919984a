import { describe, expect, it } from 'vitest'
import { splitLogLine } from '../../../renderer/components/ConsolePanel/log-parts'
import { childNodes, describeValue } from '../../../renderer/json-tree/tree-model'
import { appendLiveLines } from '../../../renderer/store/slices/run/console-entries'

describe('splitLogLine', () => {
  it('cuts a line into its text and the values its spans mark', () => {
    const text = 'failed: {"[Error]":{"name":"Error","message":"boom"}} and [1,2]'
    const error = text.indexOf('{')
    const array = text.indexOf('[1')
    expect(splitLogLine(text, [error, array - 5, array, text.length])).toEqual([
      { kind: 'text', text: 'failed: ' },
      { kind: 'value', value: { '[Error]': { name: 'Error', message: 'boom' } } },
      { kind: 'text', text: ' and ' },
      { kind: 'value', value: [1, 2] },
    ])
  })

  it('keeps the text whole without spans, and keeps a span that is not JSON as text', () => {
    expect(splitLogLine('{"a":1}', undefined)).toEqual([{ kind: 'text', text: '{"a":1}' }])
    expect(splitLogLine('x {nope} y', [2, 8])).toEqual([{ kind: 'text', text: 'x {nope} y' }])
    expect(splitLogLine('[1]', [0, 9])).toEqual([{ kind: 'text', text: '[1]' }])
  })
})

describe('an error in the json tree', () => {
  it('shows its stack as lines, not as one escaped string', () => {
    const stack = '    at f (script.js:2:9)\n    at <anonymous> (script.js:4)\n'
    const node = describeValue({ '[Error]': { name: 'TypeError', message: 'boom', stack } })
    expect(node).toMatchObject({ type: 'error', preview: 'TypeError: boom' })
    const stackNode = childNodes(node).find((child) => child.key === 'stack')
    expect(stackNode).toMatchObject({
      type: 'stack',
      preview: 'at f (script.js:2:9)\nat <anonymous> (script.js:4)',
    })
  })
})

describe('appendLiveLines', () => {
  const line = (text: string) => ({ level: 'log' as const, text, at: 1 })

  it('never adds a line twice, and after a gap adds what came', () => {
    const first = appendLiveLines(
      [],
      { runId: 'r', from: 0, entries: [line('a')], dropped: 0 },
      0,
      1,
      1,
    )
    expect(first.shown).toBe(1)
    const again = appendLiveLines(
      first.entries,
      { runId: 'r', from: 0, entries: [line('a')], dropped: 0 },
      first.shown,
      1,
      first.nextKey,
    )
    expect(again.entries).toEqual(first.entries)
    const gap = appendLiveLines(
      first.entries,
      { runId: 'r', from: 5, entries: [line('f')], dropped: 2 },
      first.shown,
      1,
      first.nextKey,
    )
    expect(gap.shown).toBe(6)
    expect(
      gap.entries.map((e) => (e.kind === 'log' ? e.text : [e.lineCount, e.droppedLogs])),
    ).toEqual([[6, 2], 'a', 'f'])
  })

  it('stays within the console cap, cutting the oldest', () => {
    const chunk = { runId: 'r', from: 0, entries: [line('a'), line('b'), line('c')], dropped: 0 }
    const appended = appendLiveLines([], chunk, 0, 1, 1, 2)
    expect(appended.cut).toBe(2)
    expect(appended.entries.map((e) => (e.kind === 'log' ? e.text : 'header'))).toEqual(['b', 'c'])
  })
})
