import { useEffect, useRef, useState } from 'react'
import { monaco } from '../../monaco/monaco-api'

interface LessonCodeProps {
  code: string
  /** The file line the code starts on, so numbers match an error's line. */
  startLine: number
  label: string
  /** A file line to mark (a traced timer's), scrolled into view. */
  markedLine?: number
}

/**
 * A lesson's script, read-only, coloured by Monaco's own tokenizer (the
 * editor's theme, no model and no language service: lessons never show up
 * in the playground's type checking).
 */
export function LessonCode({ code, startLine, label, markedLine }: LessonCodeProps) {
  const [colored, setColored] = useState<{ code: string; lines: string[] } | null>(null)
  const preRef = useRef<HTMLPreElement>(null)

  useEffect(() => {
    if (markedLine === undefined) return
    preRef.current?.querySelector('.is-marked')?.scrollIntoView({ block: 'nearest' })
  }, [markedLine])

  useEffect(() => {
    let current = true
    monaco.editor
      .colorize(code, 'javascript', { tabSize: 2 })
      .then((html) => {
        if (current) setColored({ code, lines: html.split('<br/>') })
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [code])

  const plain = code.split('\n')
  // colorize() escapes the source; its HTML is Monaco's spans around our own bundled text.
  const lines = colored?.code === code ? colored.lines.slice(0, plain.length) : null
  return (
    <pre
      ref={preRef}
      className="lesson-code monaco-editor-background"
      aria-label={label}
      tabIndex={0}
    >
      <code>
        {plain.map((text, index) => (
          <span
            key={index}
            className={`lesson-code-line${startLine + index === markedLine ? ' is-marked' : ''}`}
            aria-current={startLine + index === markedLine ? 'true' : undefined}
          >
            <span className="lesson-code-number" aria-hidden="true">
              {startLine + index}
            </span>
            {lines ? (
              <span
                className="lesson-code-text"
                dangerouslySetInnerHTML={{ __html: lines[index] ?? '' }}
              />
            ) : (
              <span className="lesson-code-text">{text}</span>
            )}
          </span>
        ))}
      </code>
    </pre>
  )
}
