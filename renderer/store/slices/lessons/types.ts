import type { FaultRequest } from '../../../../src/protocol/faults'
import type { GateVerdict } from '../../../../src/protocol/gate-verdict'
import type { MatrixPathResult } from '../../../../src/protocol/leak-matrix'
import type { RunOutcome } from '../../../../src/protocol/outcome'
import type { RunLimits } from '../../../../src/protocol/settings'

/** What running a lesson needs of it. */
export interface RunnableLesson {
  slug: string
  code: string
  limits: RunLimits
  /** Runs in a row, one after the other (isolation lessons run twice). */
  runs: number
  /** Record the event-loop trace (lessons with `// trace: on`). */
  trace?: boolean
}

/** One run of a lesson: its id (to find its events) and how it ended. */
export interface LessonRunRecord {
  runId: string
  /** Epoch milliseconds submitted. */
  submittedAt: number
  outcome: RunOutcome | null
  /** The request itself failed: no outcome exists. */
  requestError: string | null
}

/** A lesson's latest try: all its runs, in order. */
export interface LessonAttempt {
  status: 'running' | 'done'
  runs: LessonRunRecord[]
}

export interface GateComparison {
  status: 'idle' | 'running' | 'done' | 'failed'
  verdicts: GateVerdict[]
  error: string | null
  /** Epoch milliseconds the last comparison finished. */
  finishedAt: number | null
}

/** The leak matrix lesson: the latest result of each path, and what plays now. */
export interface LeakMatrixState {
  results: Partial<Record<number, MatrixPathResult>>
  /** The path playing now, or null. */
  playing: number | null
  /** "Play all" is going through the paths in order. */
  playingAll: boolean
  /** Why the last path could not be played (the core refused it, or the connection failed). */
  error: string | null
}

/** What the last injected fault did, in the core's words. */
export interface FaultReport {
  fault: FaultRequest
  ok: boolean
  message: string
  at: number
}

export interface LessonsSlice {
  /** The lesson shown in the Lessons view, by slug (or a topic such as the gates). */
  selectedLesson: string | null
  lessonAttempts: Record<string, LessonAttempt>
  gateComparison: GateComparison
  lastFault: FaultReport | null
  leakMatrix: LeakMatrixState
  selectLesson: (slug: string) => void
  /** Switches to the Lessons view and shows that lesson (from an error's link). */
  openLesson: (slug: string) => void
  /** Runs the lesson through the gate with its own limits, `runs` times in a row. */
  runLesson: (lesson: RunnableLesson) => Promise<void>
  /** The semaphore-leak lesson: one workload through the real gate and three broken ones. */
  compareGates: () => Promise<void>
  injectFault: (fault: FaultRequest) => Promise<void>
  /** Drives one path of the leak matrix through the core's real gate; resolves false when it could not. */
  playMatrixPath: (path: number) => Promise<boolean>
  /** Plays the nine paths in order, stopping at the first that cannot be played. */
  playAllMatrixPaths: () => Promise<void>
}
