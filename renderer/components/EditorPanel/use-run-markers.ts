import { useEffect } from 'react'
import type { RefObject } from 'react'
import type { editor } from 'monaco-editor/editor/editor.api'
import { monaco } from '../../monaco/monaco-api'
import { useAppStore } from '../../store/context'
import { selectLastOutcome } from '../../store/slices/run/selectors'

const OWNER = 'gatehouse-run'

/** Underlines where the shown run failed, with the error as the hover; cleared by the next run. */
export function useRunMarkers(editorRef: RefObject<editor.IStandaloneCodeEditor | null>): void {
  const outcome = useAppStore(selectLastOutcome)
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const error = outcome?.error
    if (!error || error.line === undefined || error.line > model.getLineCount()) {
      monaco.editor.setModelMarkers(model, OWNER, [])
      return
    }
    const line = Math.max(1, error.line)
    const column = Math.min(Math.max(1, error.column ?? 1), model.getLineMaxColumn(line))
    const word = model.getWordAtPosition({ lineNumber: line, column })
    const title =
      error.name && error.name !== error.type ? `${error.type} (${error.name})` : error.type
    monaco.editor.setModelMarkers(model, OWNER, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: `${title}: ${error.message}`,
        source: 'Gatehouse run',
        startLineNumber: line,
        startColumn: word ? word.startColumn : column,
        endLineNumber: line,
        endColumn: word ? word.endColumn : model.getLineMaxColumn(line),
      },
    ])
  }, [outcome, editorRef])
}
