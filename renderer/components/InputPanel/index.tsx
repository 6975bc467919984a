import { useEffect, useRef } from 'react'
import { Editor } from '@monaco-editor/react'
import type { OnMount } from '@monaco-editor/react'
import type { editor } from 'monaco-editor/editor/editor.api'
import { addRunActions } from '../../monaco/editor-actions'
import { BASE_EDITOR_OPTIONS } from '../../monaco/editor-options'
import { monaco } from '../../monaco/monaco-api'
import { INPUT_PATH } from '../../monaco/script-language'
import { MONACO_THEME } from '../../monaco/themes'
import { useAppStore, useAppStoreApi } from '../../store/context'
import {
  selectInputError,
  selectInputText,
  selectSetInputText,
} from '../../store/slices/editor/selectors'
import { useTheme } from '../../theme/use-theme'
import { Panel } from '../Panel'

const INPUT_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  ...BASE_EDITOR_OPTIONS,
  ariaLabel: 'Input JSON',
  lineNumbers: 'off',
  folding: true,
  glyphMargin: false,
  lineDecorationsWidth: 8,
  padding: { top: 8, bottom: 8 },
  placeholder: 'The run’s input as JSON, e.g. {"a": 2, "b": 40}. Empty: input is undefined.',
}

const ERROR_ID = 'input-json-error'

/** Monaco owns its text field; tell assistive technology when the JSON is invalid. */
function markInvalid(element: HTMLElement | null, error: string | null): void {
  if (!element) return
  element.setAttribute('aria-invalid', String(error !== null))
  if (error) element.setAttribute('aria-describedby', ERROR_ID)
  else element.removeAttribute('aria-describedby')
}

/** The run's `input`, as JSON in Monaco; invalid JSON blocks Run and says why. */
export function InputPanel() {
  const store = useAppStoreApi()
  const inputText = useAppStore(selectInputText)
  const inputError = useAppStore(selectInputError)
  const setInputText = useAppStore(selectSetInputText)
  const theme = useTheme()
  const textArea = useRef<HTMLElement | null>(null)
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null)

  const onMount: OnMount = (instance) => {
    editorRef.current = instance
    addRunActions(instance, monaco, store)
    // Monaco 0.57 types into an EditContext element, older versions into a textarea.
    textArea.current = instance.getDomNode()?.querySelector('[aria-label="Input JSON"]') ?? null
    markInvalid(textArea.current, store.getState().inputError)
  }

  useEffect(() => markInvalid(textArea.current, inputError), [inputError])

  // Another tab in front: its input, with an undo history of its own (see useTabSwitch).
  const activeTabId = useAppStore((state) => state.activeTabId)
  const shownTabId = useRef(activeTabId)
  useEffect(() => {
    if (shownTabId.current === activeTabId) return
    shownTabId.current = activeTabId
    editorRef.current?.getModel()?.setValue(store.getState().inputText)
  }, [activeTabId, store])

  const state = inputError ? (
    <span className="tag tag-error">invalid</span>
  ) : (
    <span className="tag">{inputText.trim() === '' ? 'no input' : 'JSON'}</span>
  )

  return (
    <Panel title="Input" className="panel-input" aside={state}>
      <div className="editor-host">
        <Editor
          language="json"
          path={INPUT_PATH}
          value={inputText}
          onChange={(value) => setInputText(value ?? '')}
          onMount={onMount}
          theme={MONACO_THEME[theme]}
          options={INPUT_OPTIONS}
          loading={<p className="placeholder">Loading the editor…</p>}
        />
      </div>
      {inputError && (
        <p id={ERROR_ID} className="field-error" role="status">
          {inputError}. Run is disabled until it parses.
        </p>
      )}
    </Panel>
  )
}
