import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../../src/lessons/lesson-file'

const header = (extra: string): string =>
  `// title: A lesson\n// expect: ok\n${extra}//\n// Why it matters.\nreturn 1\n`

describe('parseLesson', () => {
  it('reads "// trace: on" and leaves the trace off without it', () => {
    expect(parseLesson('18-x', header('// trace: on\n')).trace).toBe(true)
    expect(parseLesson('18-x', header('// trace: off\n')).trace).toBe(false)
    expect(parseLesson('18-x', header('')).trace).toBe(false)
  })

  it('refuses a trace header that is neither on nor off, naming the lesson', () => {
    expect(() => parseLesson('18-x', header('// trace: yes\n'))).toThrow(
      'lesson 18-x: bad "trace: yes" (on or off)',
    )
  })
})
