import { useState } from 'react'
import { JsonTree } from './JsonTree'

/** The value as a tree or as JSON text, with a copy button. */
export function ValueView({ value }: { value: unknown }) {
  const [mode, setMode] = useState<'tree' | 'json'>('tree')
  const [copied, setCopied] = useState(false)
  const json = value === undefined ? 'undefined' : JSON.stringify(value, null, 2)

  const copy = () => {
    void navigator.clipboard?.writeText(json).then(
      () => {
        setCopied(true)
        setTimeout(() => setCopied(false), 1500)
      },
      () => setCopied(false),
    )
  }

  return (
    <div className="value-view">
      <div className="value-toolbar">
        <div className="segmented segmented-small" role="group" aria-label="Show the value as">
          <button type="button" aria-pressed={mode === 'tree'} onClick={() => setMode('tree')}>
            Tree
          </button>
          <button type="button" aria-pressed={mode === 'json'} onClick={() => setMode('json')}>
            JSON
          </button>
        </div>
        <button type="button" className="button button-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy JSON'}
        </button>
      </div>
      {mode === 'tree' ? <JsonTree value={value} /> : <pre className="result-json">{json}</pre>}
    </div>
  )
}
