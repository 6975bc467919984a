import { describe, it, expect } from 'vitest'
import { locate, mapScriptError } from '../../../src/sandbox/error-mapping'
import { SCRIPT_FILE, wrapScript, wrapperColumnOffset } from '../../../src/sandbox/script-wrapper'

const POOL_OFFSET = wrapperColumnOffset('pool')

describe('wrapScript', () => {
  it('keeps the user code on its own lines, the prefix on line 1', () => {
    const wrapped = wrapScript('const a = 1\nreturn a', 'pool')
    expect(wrapped.split('\n')).toHaveLength(3)
    expect(wrapped.split('\n')[1]).toBe('return a')
    expect(wrapped.startsWith('(function (input) {const a = 1')).toBe(true)
    expect(wrapScript('x', 'loop').startsWith('(async function (input) {x')).toBe(true)
    expect(wrapperColumnOffset('loop')).toBe('(async function (input) {'.length)
    expect(POOL_OFFSET).toBe('(function (input) {'.length)
  })

  it('ends a trailing line comment before closing the function', () => {
    expect(wrapScript('return 1 // done', 'pool').endsWith('// done\n})')).toBe(true)
  })
})

describe('locate', () => {
  it('finds the first frame in the user script', () => {
    const stack = `    at inner (${SCRIPT_FILE}:4:9)\n    at <anonymous> (${SCRIPT_FILE}:7:3)`
    expect(locate(stack, POOL_OFFSET)).toEqual({ line: 4, column: 9 })
  })

  it('skips frames of other files', () => {
    const stack = `    at stringify (prelude.js:12:5)\n    at <anonymous> (${SCRIPT_FILE}:2:11)`
    expect(locate(stack, POOL_OFFSET)).toEqual({ line: 2, column: 11 })
  })

  it('takes the wrapper prefix off columns on line 1 only', () => {
    expect(locate(`    at <anonymous> (${SCRIPT_FILE}:1:24)`, POOL_OFFSET)).toEqual({
      line: 1,
      column: 5,
    })
    expect(locate(`    at <anonymous> (${SCRIPT_FILE}:2:24)`, POOL_OFFSET)).toEqual({
      line: 2,
      column: 24,
    })
    // Never below column 1.
    expect(locate(`    at ${SCRIPT_FILE}:1:3`, POOL_OFFSET)).toEqual({ line: 1, column: 1 })
  })

  it('returns a line without a column when the frame has none', () => {
    expect(locate(`    at ${SCRIPT_FILE}:3`, POOL_OFFSET)).toEqual({ line: 3 })
  })

  it('returns nothing without a frame in the script', () => {
    expect(locate(undefined, POOL_OFFSET)).toEqual({})
    expect(locate('    at native', POOL_OFFSET)).toEqual({})
    // A file whose name only looks alike does not count.
    expect(locate('    at f (scriptXjs:3:1)', POOL_OFFSET)).toEqual({})
  })
})

describe('mapScriptError', () => {
  const frame = (line: number, column: number): string =>
    `    at <anonymous> (${SCRIPT_FILE}:${line}:${column})\n`

  it('maps a thrown Error to ScriptError with its name, message, position and stack', () => {
    expect(
      mapScriptError(
        { name: 'TypeError', message: 'x is not a function', stack: frame(3, 5) },
        'run',
        POOL_OFFSET,
      ),
    ).toEqual({
      type: 'ScriptError',
      name: 'TypeError',
      message: 'x is not a function',
      line: 3,
      column: 5,
      stack: `    at <anonymous> (${SCRIPT_FILE}:3:5)`,
    })
  })

  it.each([
    ['out of memory', 'InternalError', 'out of memory', 'MemoryLimitError'],
    ['a string too long', 'InternalError', 'string too long', 'MemoryLimitError'],
    ['an array buffer too big', 'InternalError', 'invalid array buffer length', 'MemoryLimitError'],
    ['deep recursion', 'InternalError', 'stack overflow', 'StackOverflowError'],
    ['deeply nested JSON', 'SyntaxError', 'stack overflow', 'StackOverflowError'],
    ["V8's overflow", 'RangeError', 'Maximum call stack size exceeded', 'StackOverflowError'],
  ])('maps %s to its limit error', (_, name, message, type) => {
    expect(mapScriptError({ name, message, stack: frame(2, 1) }, 'run', POOL_OFFSET)).toMatchObject(
      { type, name, message, line: 2 },
    )
  })

  it('does not mistake a user error that mentions a limit for the limit', () => {
    expect(
      mapScriptError({ name: 'Error', message: 'out of memory' }, 'run', POOL_OFFSET).type,
    ).toBe('ScriptError')
    expect(
      mapScriptError({ name: 'RangeError', message: 'stack overflowing soon' }, 'run', POOL_OFFSET)
        .type,
    ).toBe('ScriptError')
  })

  it('keeps SyntaxError for compile errors and ScriptError for SyntaxErrors thrown while running', () => {
    expect(
      mapScriptError(
        { name: 'SyntaxError', message: 'unexpected token', stack: `    at ${SCRIPT_FILE}:2:7` },
        'compile',
        POOL_OFFSET,
      ),
    ).toMatchObject({
      type: 'SyntaxError',
      line: 2,
      column: 7,
    })
    expect(
      mapScriptError(
        { name: 'SyntaxError', message: 'unexpected end of JSON' },
        'run',
        POOL_OFFSET,
      ),
    ).toMatchObject({
      type: 'ScriptError',
      name: 'SyntaxError',
    })
  })

  it.each([
    ['a string', 'boom', 'Uncaught boom'],
    ['a number', 42, 'Uncaught 42'],
    ['null', null, 'Uncaught null'],
    ['an object without a message', { code: 7 }, 'Uncaught {"code":7}'],
    ['undefined', undefined, 'Uncaught undefined'],
  ])('describes a thrown %s', (_, dumped, message) => {
    const error = mapScriptError(dumped, 'run', POOL_OFFSET)
    expect(error).toEqual({ type: 'ScriptError', message })
  })

  it('keeps at most 20 frames of a stack and says how many it left out', () => {
    const stack = Array.from(
      { length: 25 },
      (_, i) => `    at f${i} (${SCRIPT_FILE}:${i + 2}:1)`,
    ).join('\n')
    const error = mapScriptError(
      { name: 'InternalError', message: 'stack overflow', stack },
      'run',
      POOL_OFFSET,
    )
    const lines = (error.stack as string).split('\n')
    expect(lines).toHaveLength(21)
    expect(lines[20]).toBe('    ... 5 more frames')
    expect(error.line).toBe(2)
  })

  it('keeps an error with a name but no message readable', () => {
    expect(mapScriptError({ name: 'CustomError' }, 'run', POOL_OFFSET)).toEqual({
      type: 'ScriptError',
      name: 'CustomError',
      message: '',
    })
  })
})
