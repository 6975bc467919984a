import { useId } from 'react'
import { useAppStore } from '../../store/context'
import {
  selectInputError,
  selectInputText,
  selectSetInputText,
} from '../../store/slices/editor/selectors'
import { Panel } from '../Panel'

/** The run's `input`, as JSON text; invalid JSON blocks Run and says why. */
export function InputPanel() {
  const inputText = useAppStore(selectInputText)
  const inputError = useAppStore(selectInputError)
  const setInputText = useAppStore(selectSetInputText)
  const fieldId = useId()
  const errorId = useId()

  const state = inputError ? (
    <span className="tag tag-error">invalid</span>
  ) : (
    <span className="tag">{inputText.trim() === '' ? 'no input' : 'JSON'}</span>
  )

  return (
    <Panel title="Input" className="panel-input" aside={state}>
      <label htmlFor={fieldId} className="visually-hidden">
        Input JSON
      </label>
      <textarea
        id={fieldId}
        className="input-json"
        value={inputText}
        onChange={(event) => setInputText(event.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder='{"a": 2, "b": 40}   (empty: input is undefined)'
        aria-invalid={inputError !== null}
        aria-describedby={inputError ? errorId : undefined}
      />
      {inputError && (
        <p id={errorId} className="field-error" role="status">
          {inputError}. Run is disabled until it parses.
        </p>
      )}
    </Panel>
  )
}
