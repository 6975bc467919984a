import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { describeExpectation, lessonVerdict } from '../../lessons/expectation'
import type { LessonEntry } from '../../lessons/catalog'
import { LESSON_GROUPS, LESSONS } from '../../lessons/catalog'
import { useAppStore } from '../../store/context'
import { LIMIT_LABELS } from '../../store/slices/editor/limits'
import type { LimitName } from '../../store/slices/editor/limits'
import { selectLessonAttempt, selectRunLesson } from '../../store/slices/lessons/selectors'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import { selectSettingsView } from '../../store/slices/settings/selectors'
import { LessonCode } from './LessonCode'
import { LessonRunCard } from './LessonRunCard'

const VERDICT_TEXT = {
  met: 'Expectation met',
  'not-met': 'Expectation not met',
  pending: 'Running…',
} as const

function limitText(name: LimitName, value: number): string {
  const { label, unit } = LIMIT_LABELS[name]
  return `${label.toLowerCase()} ${value} ${unit}`
}

/** A lesson: what it teaches, its script, what it expects, and what a run actually did. */
export function LessonDetail({ lesson }: { lesson: LessonEntry }) {
  const attempt = useAppStore(selectLessonAttempt(lesson.slug))
  const runLesson = useAppStore(selectRunLesson)
  const openInPlayground = useAppStore((state) => state.openLessonInPlayground)
  const connected = useAppStore(selectIsConnected)
  const { settings, saving, saveSettings } = useAppStore(useShallow(selectSettingsView))
  const headingId = useId()
  // A line of the script a trace's timer points at (the detail is keyed by lesson).
  const [markedLine, setMarkedLine] = useState<number>()
  const group = LESSON_GROUPS.find((g) => g.id === lesson.group)
  const position = LESSONS.indexOf(lesson) + 1
  const running = attempt?.status === 'running'
  const verdict = attempt
    ? lessonVerdict(
        lesson,
        attempt.runs.map((run) => run.outcome),
      )
    : null
  const runLabel = running
    ? 'Running…'
    : attempt
      ? 'Run again'
      : lesson.runs > 1
        ? `Run ${lesson.runs}×`
        : 'Run'
  const failedRequest = attempt?.runs.find((run) => run.requestError !== null)
  const limits = Object.entries(lesson.limits) as [LimitName, number][]
  // The lanes' memory cap bounds what one run may ask for: offer to raise it.
  const neededMemoryMb = lesson.limits.memoryMb
  const memoryShort =
    settings && neededMemoryMb !== undefined && neededMemoryMb > settings.memoryMb
      ? { needed: neededMemoryMb, current: settings.memoryMb }
      : null

  return (
    <article className="lesson-detail" aria-labelledby={headingId}>
      <header className="lesson-header">
        <p className="lesson-kicker">
          {group?.title} · lesson {position} of {LESSONS.length}
        </p>
        <h2 id={headingId} className="lesson-title">
          {lesson.title}
        </h2>
      </header>
      <p className="lesson-explanation">{lesson.explanation}</p>

      <div className="lesson-expect-row">
        <dl className="lesson-expect">
          <div>
            <dt>Expects</dt>
            <dd>
              <span className={`tag ${lesson.expect === 'ok' ? 'tag-ok' : 'tag-error'}`}>
                {describeExpectation(lesson)}
              </span>
            </dd>
          </div>
          <div>
            <dt>Limits</dt>
            <dd>
              {limits.length === 0
                ? 'the gate’s settings'
                : limits.map(([name, value]) => limitText(name, value)).join(', ')}
            </dd>
          </div>
          {lesson.runs > 1 && (
            <div>
              <dt>Runs</dt>
              <dd>{lesson.runs}, one after the other</dd>
            </div>
          )}
        </dl>
        <button
          type="button"
          className="button button-primary"
          // Starts with the visible text (label in name): "Run again: The infinite loop…".
          aria-label={`${runLabel}: ${lesson.title}`}
          title={
            connected
              ? `Run it through the gate${lesson.runs > 1 ? ` ${lesson.runs} times in a row` : ''}, with its own limits`
              : 'Not connected to the Gatehouse core'
          }
          disabled={running || !connected}
          onClick={() => void runLesson(lesson)}
        >
          <span className="button-icon icon-run" aria-hidden="true" />
          {runLabel}
        </button>
        <button
          type="button"
          className="button"
          title="Its script and limits in a new tab of the playground, to change and run"
          onClick={() => openInPlayground(lesson)}
        >
          Open in playground
        </button>
      </div>

      {memoryShort && (
        <div className="banner banner-notice lesson-banner" role="status">
          <span className="banner-message">
            This lesson asks for {memoryShort.needed} MB per run; the lanes’ cap (memoryMb) is{' '}
            {memoryShort.current} MB, so the run would be refused.
          </span>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={saving}
            onClick={() => void saveSettings({ memoryMb: memoryShort.needed })}
          >
            {saving ? 'Applying…' : `Set memoryMb ${memoryShort.needed}`}
          </button>
        </div>
      )}

      {verdict && (
        <p
          className={`lesson-verdict verdict-${failedRequest ? 'not-met' : verdict}`}
          role="status"
          aria-label="Verdict"
        >
          <span className="lesson-verdict-mark" aria-hidden="true">
            {verdict === 'met' ? '✓' : verdict === 'pending' && !failedRequest ? '…' : '✗'}
          </span>
          {failedRequest ? 'The run could not be submitted' : VERDICT_TEXT[verdict]}
          <span className="lesson-verdict-detail">
            {' '}
            — expected {describeExpectation(lesson)}
            {lesson.runs > 1 ? ` on each of ${lesson.runs} runs` : ''}
          </span>
        </p>
      )}

      <div className="lesson-columns">
        <section className="lesson-script" aria-label="Script">
          <h3 className="lesson-subheading">
            Script <span className="lesson-file">lessons/{lesson.slug}.js</span>
          </h3>
          <LessonCode
            code={lesson.body}
            startLine={lesson.bodyStartLine}
            label={`The script of ${lesson.title}`}
            {...(markedLine !== undefined ? { markedLine } : {})}
          />
        </section>
        <section className="lesson-outcome" aria-label="Outcome">
          <h3 className="lesson-subheading">Outcome</h3>
          {!attempt ? (
            <p className="lesson-idle">
              Press <strong>Run</strong> to send the script through the gate with its limits. The
              outcome shows here beside the expectation, with the events the core reported: which
              limit fired, what happened to the lane, when the permit came back.
            </p>
          ) : (
            attempt.runs.map((run, index) => (
              <LessonRunCard
                key={run.runId}
                lesson={lesson}
                run={run}
                number={lesson.runs > 1 ? index + 1 : null}
                onLine={setMarkedLine}
              />
            ))
          )}
        </section>
      </div>
    </article>
  )
}
