import { MATRIX_PATHS } from '../../../../src/protocol/leak-matrix'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { nextRunId } from '../run/run-id'
import type { LessonRunRecord, LessonsSlice } from './types'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createLessonsSlice =
  ({ api, now }: StoreDeps): SliceCreator<LessonsSlice> =>
  (set, get) => {
    const updateRun = (slug: string, index: number, record: LessonRunRecord) =>
      set((state) => {
        const attempt = state.lessonAttempts[slug]
        if (!attempt) return {}
        const runs = attempt.runs.map((run, i) => (i === index ? record : run))
        return { lessonAttempts: { ...state.lessonAttempts, [slug]: { ...attempt, runs } } }
      })

    return {
      selectedLesson: null,
      lessonAttempts: {},
      gateComparison: { status: 'idle', verdicts: [], error: null, finishedAt: null },
      lastFault: null,
      leakMatrix: { results: {}, playing: null, playingAll: false, error: null },

      selectLesson: (selectedLesson) => set({ selectedLesson }),

      openLesson(slug) {
        set({ selectedLesson: slug })
        get().setView('lessons')
      },

      async runLesson(lesson) {
        if (get().lessonAttempts[lesson.slug]?.status === 'running') return
        set((state) => ({
          lessonAttempts: {
            ...state.lessonAttempts,
            [lesson.slug]: { status: 'running', runs: [] },
          },
        }))
        // One after the other: the second run of an isolation lesson must come after the first.
        for (let index = 0; index < lesson.runs; index++) {
          const record: LessonRunRecord = {
            runId: nextRunId(),
            submittedAt: now(),
            outcome: null,
            requestError: null,
          }
          set((state) => {
            const attempt = state.lessonAttempts[lesson.slug] ?? { status: 'running', runs: [] }
            return {
              lessonAttempts: {
                ...state.lessonAttempts,
                [lesson.slug]: { ...attempt, runs: [...attempt.runs, record] },
              },
            }
          })
          try {
            const outcome = await api.run({
              id: record.runId,
              code: lesson.code,
              language: 'js',
              ...(Object.keys(lesson.limits).length > 0 ? { limits: lesson.limits } : {}),
              ...(lesson.trace ? { trace: true } : {}),
            })
            updateRun(lesson.slug, index, { ...record, outcome })
          } catch (error) {
            updateRun(lesson.slug, index, { ...record, requestError: messageOf(error) })
            break
          }
        }
        set((state) => {
          const attempt = state.lessonAttempts[lesson.slug]
          if (!attempt) return {}
          return {
            lessonAttempts: {
              ...state.lessonAttempts,
              [lesson.slug]: { ...attempt, status: 'done' },
            },
          }
        })
      },

      async compareGates() {
        if (get().gateComparison.status === 'running') return
        set({
          gateComparison: { ...get().gateComparison, status: 'running', error: null },
        })
        try {
          const verdicts = await api.compareGates({})
          set({ gateComparison: { status: 'done', verdicts, error: null, finishedAt: now() } })
        } catch (error) {
          set({
            gateComparison: {
              ...get().gateComparison,
              status: 'failed',
              error: messageOf(error),
            },
          })
        }
      },

      async playMatrixPath(path) {
        if (get().leakMatrix.playing !== null) return false
        set((state) => ({ leakMatrix: { ...state.leakMatrix, playing: path, error: null } }))
        try {
          const result = await api.playMatrixPath({ path })
          set((state) => ({
            leakMatrix: {
              ...state.leakMatrix,
              results: { ...state.leakMatrix.results, [path]: result },
              playing: null,
            },
          }))
          return true
        } catch (error) {
          set((state) => ({
            leakMatrix: {
              ...state.leakMatrix,
              playing: null,
              error: `Path ${path} could not be played: ${messageOf(error)}`,
            },
          }))
          return false
        }
      },

      async playAllMatrixPaths() {
        const { leakMatrix, playMatrixPath } = get()
        if (leakMatrix.playing !== null || leakMatrix.playingAll) return
        set((state) => ({ leakMatrix: { ...state.leakMatrix, results: {}, playingAll: true } }))
        try {
          for (const path of MATRIX_PATHS) if (!(await playMatrixPath(path.n))) break
        } finally {
          set((state) => ({ leakMatrix: { ...state.leakMatrix, playingAll: false } }))
        }
      },

      async injectFault(fault) {
        try {
          const { injected } = await api.injectFault(fault)
          set({ lastFault: { fault, ok: true, message: injected, at: now() } })
        } catch (error) {
          set({ lastFault: { fault, ok: false, message: messageOf(error), at: now() } })
        }
      },
    }
  }
