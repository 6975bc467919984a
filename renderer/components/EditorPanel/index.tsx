import { useState } from 'react'
import { Editor } from '@monaco-editor/react'
import type { OnMount } from '@monaco-editor/react'
import { MONACO_THEME } from '../../monaco/themes'
import { useAppStore, useAppStoreApi } from '../../store/context'
import { selectSetCode } from '../../store/slices/editor/selectors'
import { usePrefersDark } from '../../theme/use-prefers-dark'
import { Panel } from '../Panel'

const EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  lineHeight: 20,
  tabSize: 2,
  scrollBeyondLastLine: false,
  renderLineHighlight: 'line',
  overviewRulerBorder: false,
  hideCursorInOverviewRuler: true,
  padding: { top: 10, bottom: 10 },
  fixedOverflowWidgets: true,
  ariaLabel: 'Script editor',
} as const

/** The script, in Monaco. The store keeps the text; Monaco keeps cursor and undo. */
export function EditorPanel() {
  const store = useAppStoreApi()
  // Monaco owns the text while it is mounted: seed it once, then only listen.
  const [initialCode] = useState(() => store.getState().code)
  const setCode = useAppStore(selectSetCode)
  const dark = usePrefersDark()

  const onMount: OnMount = (editor, monaco) => {
    editor.addAction({
      id: 'gatehouse.run',
      label: 'Gatehouse: Run Script',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => void store.getState().startRun(),
    })
  }

  return (
    <Panel title="Editor" className="panel-editor" aside={<span className="tag">JavaScript</span>}>
      <div className="editor-host">
        <Editor
          language="javascript"
          path="file:///gatehouse/script.js"
          defaultValue={initialCode}
          onChange={(value) => setCode(value ?? '')}
          onMount={onMount}
          theme={dark ? MONACO_THEME.dark : MONACO_THEME.light}
          options={EDITOR_OPTIONS}
          loading={<p className="placeholder">Loading the editor…</p>}
        />
      </div>
    </Panel>
  )
}
