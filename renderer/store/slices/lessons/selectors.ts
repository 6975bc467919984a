import type { Store } from '../../store-types'

export const selectSelectedLesson = (state: Store) => state.selectedLesson
export const selectSelectLesson = (state: Store) => state.selectLesson
export const selectOpenLesson = (state: Store) => state.openLesson
export const selectLessonAttempts = (state: Store) => state.lessonAttempts
export const selectRunLesson = (state: Store) => state.runLesson
export const selectGateComparison = (state: Store) => state.gateComparison
export const selectCompareGates = (state: Store) => state.compareGates
export const selectLastFault = (state: Store) => state.lastFault
export const selectInjectFault = (state: Store) => state.injectFault

/** One lesson's latest attempt, or undefined before its first run. */
export const selectLessonAttempt = (slug: string) => (state: Store) => state.lessonAttempts[slug]
export const selectLeakMatrix = (state: Store) => state.leakMatrix
export const selectPlayMatrixPath = (state: Store) => state.playMatrixPath
export const selectPlayAllMatrixPaths = (state: Store) => state.playAllMatrixPaths
