import { describe, it, expect } from 'vitest'
import { mapSandboxError } from '../../../src/sandbox/error-mapping'
import { LIMITS } from '../../../src/protocol/settings'
import { PRELUDE } from '../../../src/sandbox/prelude'
import { BUILTIN_NAMES } from '../../../src/sandbox/prelude-builtins'
import { wrapScript, wrapperColumnOffset } from '../../../src/sandbox/script-wrapper'

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

describe('mapSandboxError', () => {
  it('keeps the type the sandbox decided, with name, message, position and stack', () => {
    expect(
      mapSandboxError(
        {
          t: 'ScriptError',
          p: 'run',
          n: 'TypeError',
          m: 'x is not a function',
          line: 3,
          col: 5,
          s: 'at f (script.js:3:5)',
        },
        POOL_OFFSET,
        true,
      ),
    ).toEqual({
      type: 'ScriptError',
      name: 'TypeError',
      message: 'x is not a function',
      line: 3,
      column: 5,
      stack: 'at f (script.js:3:5)',
    })
    expect(
      mapSandboxError(
        { t: 'MemoryLimitError', p: 'run', n: 'InternalError', m: 'out of memory' },
        0,
        true,
      ),
    ).toEqual({
      type: 'MemoryLimitError',
      name: 'InternalError',
      message: 'out of memory',
    })
  })

  it('takes the wrapper prefix off columns on line 1 only, never below column 1', () => {
    const at = (line: number, col: number) =>
      mapSandboxError({ t: 'ScriptError', p: 'run', m: 'x', line, col }, POOL_OFFSET, true)
    expect(at(1, POOL_OFFSET + 5)).toMatchObject({ line: 1, column: 5 })
    expect(at(2, 24)).toMatchObject({ line: 2, column: 24 })
    expect(at(1, 3)).toMatchObject({ line: 1, column: 1 })
    expect(
      mapSandboxError({ t: 'ScriptError', p: 'run', m: 'x', line: 4 }, POOL_OFFSET, true),
    ).toEqual({
      type: 'ScriptError',
      message: 'x',
      line: 4,
    })
  })

  it('calls a compile-time SyntaxError a SyntaxError, and one thrown while running a ScriptError', () => {
    expect(
      mapSandboxError(
        { t: 'ScriptError', p: 'compile', n: 'SyntaxError', m: 'unexpected token' },
        0,
        true,
      ).type,
    ).toBe('SyntaxError')
    expect(
      mapSandboxError(
        { t: 'ScriptError', p: 'run', n: 'SyntaxError', m: 'unexpected token' },
        0,
        true,
      ).type,
    ).toBe('ScriptError')
  })

  it('reads a thrown null as out of memory unless the code may throw null itself', () => {
    expect(mapSandboxError({ t: 'Null', p: 'run' }, 0, true)).toMatchObject({
      type: 'MemoryLimitError',
    })
    expect(mapSandboxError({ t: 'Null', p: 'run' }, 0, false)).toEqual({
      type: 'ScriptError',
      message: 'Uncaught null',
    })
  })

  it('words result and input failures', () => {
    expect(
      mapSandboxError({ t: 'ResultError', p: 'result', size: 6 * 1024 * 1024 }, 0, true),
    ).toEqual({
      type: 'ResultError',
      message: `The result is 6.0 MB as JSON; the limit is ${(LIMITS.maxResultBytes / 1024 / 1024).toFixed(1)} MB`,
    })
    expect(
      mapSandboxError(
        { t: 'ResultError', p: 'result', size: 6 * 1024 * 1024, atLeast: true },
        0,
        true,
      ).message,
    ).toMatch(/^The result is at least 6\.0 MB/)
    expect(
      mapSandboxError({ t: 'ScriptError', p: 'result', n: 'Error', m: 'no toJSON' }, 0, true),
    ).toMatchObject({
      type: 'ResultError',
      message: 'The result could not be converted to JSON: no toJSON',
    })
    expect(
      mapSandboxError(
        { t: 'StackOverflowError', p: 'input', n: 'SyntaxError', m: 'stack overflow' },
        0,
        true,
      ),
    ).toMatchObject({
      type: 'StackOverflowError',
      message: 'input: stack overflow',
    })
  })
})

describe('the prelude', () => {
  it('captures exactly the built-ins the parts name, in their order', () => {
    const list = /var B = \[([\s\S]*?)\]\n/.exec(PRELUDE)?.[1] ?? ''
    const captured = list.split(',').map((item) => item.trim())
    expect(captured).toHaveLength(BUILTIN_NAMES.length)
    expect(captured[BUILTIN_NAMES.indexOf('geval')]).toBe('eval')
    expect(captured[BUILTIN_NAMES.indexOf('parse')]).toBe('JSON.parse')
    expect(captured[BUILTIN_NAMES.indexOf('load')]).toBe('load')
  })
})
