import type { ErrorType } from '../../src/protocol/outcome'

/** One sentence per error type, for someone who has not read the design. */
export const ERROR_HELP: Record<ErrorType, string> = {
  ValidationError:
    'The request was refused before it reached the gate: fix what the message names.',
  ConcurrencyError:
    'Every permit stayed taken for the whole wait timeout, so the run gave up waiting. Raise permits or the wait timeout in Settings, or run less at once.',
  CancelledError: 'Stopped on request, while it waited or while it ran.',
  TimeoutError: 'The run took longer than its time limit.',
  SyntaxError: 'The script does not parse; nothing ran.',
  ScriptError: 'The script threw an error, or returned a promise that rejected.',
  MemoryLimitError: 'The run used more memory than its limit allows.',
  StackOverflowError: 'The call stack grew past its limit: usually unbounded recursion.',
  ResultError: 'The run finished, but its result is too large or cannot be shown.',
  PanicError:
    'The engine or a sandbox process failed. Only the runs it held failed; capacity came back by itself.',
  ShuttingDownError: 'Gatehouse is shutting down and admits no new runs.',
}

/** What a TimeoutError's or PanicError's cause means. */
export const CAUSE_HELP: Record<string, string> = {
  interrupt: 'The interrupt handler stopped the script at its deadline.',
  watchdog:
    'The script was stuck inside a built-in that ignores interrupts: the watchdog ended its lane’s thread and started a new one.',
  'lane-abort': 'The engine aborted inside its lane; the lane was replaced.',
  'lane-exit': 'The lane’s thread exited; it was replaced.',
  'host-exit': 'The sandbox host process exited; a new one was started.',
  'host-unresponsive': 'The sandbox host stopped answering its heartbeat; it was restarted.',
}
