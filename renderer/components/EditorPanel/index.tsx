import { useEffect, useRef } from 'react'
import { Editor } from '@monaco-editor/react'
import type { OnMount } from '@monaco-editor/react'
import type { editor } from 'monaco-editor/editor/editor.api'
import { addRunActions } from '../../monaco/editor-actions'
import { BASE_EDITOR_OPTIONS } from '../../monaco/editor-options'
import { monaco } from '../../monaco/monaco-api'
import { SCRIPT_PATHS } from '../../monaco/script-language'
import { MONACO_THEME } from '../../monaco/themes'
import { useAppStore, useAppStoreApi } from '../../store/context'
import {
  selectCode,
  selectCursor,
  selectLanguage,
  selectRevealRequest,
  selectSetCode,
  selectSetCursor,
} from '../../store/slices/editor/selectors'
import { useTheme } from '../../theme/use-theme'
import { DocumentTabs } from '../DocumentTabs'
import { Panel } from '../Panel'
import { useTabSwitch } from './use-tab-switch'
import { useRunMarkers } from './use-run-markers'

const EDITOR_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  ...BASE_EDITOR_OPTIONS,
  ariaLabel: 'Script editor',
}

const LANGUAGE = {
  js: { id: 'javascript', label: 'JavaScript' },
  ts: { id: 'typescript', label: 'TypeScript' },
} as const

/** The script, in Monaco: JavaScript or TypeScript, with the sandbox's globals typed. */
export function EditorPanel() {
  const store = useAppStoreApi()
  const code = useAppStore(selectCode)
  const language = useAppStore(selectLanguage)
  const setCode = useAppStore(selectSetCode)
  const setCursor = useAppStore(selectSetCursor)
  const cursor = useAppStore(selectCursor)
  const revealRequest = useAppStore(selectRevealRequest)
  const theme = useTheme()
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null)

  const onMount: OnMount = (instance) => {
    editorRef.current = instance
    addRunActions(instance, monaco, store)
    instance.onDidChangeCursorPosition(({ position }) =>
      setCursor({ line: position.lineNumber, column: position.column }),
    )
  }

  // Switching language switches models (script.js <-> script.ts); the text comes along.
  useEffect(() => {
    const model = editorRef.current?.getModel()
    const text = store.getState().code
    if (model && model.getValue() !== text) model.setValue(text)
  }, [language, store])

  // A click on an error's location: put the cursor there and show it.
  useEffect(() => {
    const instance = editorRef.current
    if (!instance || !revealRequest) return
    const position = { lineNumber: revealRequest.line, column: revealRequest.column }
    instance.setPosition(position)
    instance.revealPositionInCenterIfOutsideViewport(position)
    instance.focus()
  }, [revealRequest])

  useTabSwitch(editorRef, store)
  useRunMarkers(editorRef)

  return (
    <Panel
      title="Editor"
      className="panel-editor"
      header={<DocumentTabs />}
      aside={
        <>
          <span className="editor-cursor" aria-label="Cursor position">
            Ln {cursor.line}, Col {cursor.column}
          </span>
          <span className="tag">{LANGUAGE[language].label}</span>
        </>
      }
    >
      <div className="editor-host">
        <Editor
          language={LANGUAGE[language].id}
          path={SCRIPT_PATHS[language]}
          value={code}
          onChange={(value) => setCode(value ?? '')}
          onMount={onMount}
          theme={MONACO_THEME[theme]}
          options={EDITOR_OPTIONS}
          loading={<p className="placeholder">Loading the editor…</p>}
        />
      </div>
    </Panel>
  )
}
