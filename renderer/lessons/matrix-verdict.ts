import type { MatrixPathResult } from '../../src/protocol/leak-matrix'
import { MATRIX_PATHS, matrixPathProblem } from '../../src/protocol/leak-matrix'
import type { LeakMatrixState } from '../store/slices/lessons/types'
import type { Verdict } from './expectation'

/**
 * The leak matrix lesson's mark in the list: pending while a path plays,
 * not met as soon as one path went wrong, met once all nine did what the
 * matrix says; null before anything was played.
 */
export function matrixVerdict(matrix: LeakMatrixState): Verdict | null {
  if (matrix.playing !== null || matrix.playingAll) return 'pending'
  const played = Object.values(matrix.results).filter(
    (result): result is MatrixPathResult => result !== undefined,
  )
  if (played.length === 0) return null
  if (played.some((result) => matrixPathProblem(result) !== null)) return 'not-met'
  return played.length === MATRIX_PATHS.length ? 'met' : null
}
