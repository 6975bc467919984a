import type { RunError } from '../../src/protocol/outcome'
import { FAULTS_TOPIC, GATES_TOPIC } from './catalog'

/**
 * The lesson that explains an error, by slug, or null when none does. A
 * PanicError leads to the fault-injection page, a ConcurrencyError to the
 * semaphore lesson.
 */
export function lessonForError(error: Pick<RunError, 'type' | 'cause' | 'message'>): string | null {
  switch (error.type) {
    case 'TimeoutError':
      return error.cause === 'watchdog' ? '02-stuck-builtin' : '01-infinite-loop'
    case 'MemoryLimitError':
      return '03-memory-array'
    case 'StackOverflowError':
      return '06-stack-recursion'
    case 'ResultError':
      return '12-result-too-large'
    case 'ScriptError':
      if (/can never settle/.test(error.message)) return '09-never-settles'
      if (/pending timers/.test(error.message)) return '10-timer-flood'
      return null
    case 'PanicError':
      return FAULTS_TOPIC
    case 'ConcurrencyError':
      return GATES_TOPIC
    default:
      return null
  }
}
