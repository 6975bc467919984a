import { useEffect } from 'react'
import { useAppStore } from '../../store/context'
import { selectPaneSizes, selectSettingsOpen, selectView } from '../../store/slices/ui/selectors'
import { applyThemeToDocument, useTheme } from '../../theme/use-theme'
import { ConnectionBanner } from '../ConnectionBanner'
import { ConsolePanel } from '../ConsolePanel'
import { EditorPanel } from '../EditorPanel'
import { ExampleNotice } from '../ExampleNotice'
import { Files } from '../Files'
import { GatePanel } from '../GatePanel'
import { InputPanel } from '../InputPanel'
import { ResultPanel } from '../ResultPanel'
import { SettingsDialog } from '../SettingsDialog'
import { Splitter } from '../Splitter'
import { Toasts } from '../Toasts'
import { Toolbar } from '../Toolbar'
import { useShortcuts } from '../Toolbar/use-shortcuts'
import { useDialogFocusReturn } from './use-dialog-focus-return'
import { Lessons } from '../../views/Lessons'
import { StressLab } from '../../views/StressLab'

const split = (fraction: number) => `minmax(0, ${fraction}fr) 6px minmax(0, ${1 - fraction}fr)`

/**
 * The window: the toolbar, banners and toasts in the flow (nothing floats over
 * a control), then the view. The playground has the script and its input, the
 * result and console beside them, and the gate underneath; every split can be
 * dragged and is remembered. The Lessons view shows the gate under the lesson.
 */
export function App() {
  useShortcuts()
  useDialogFocusReturn()
  const theme = useTheme()
  useEffect(() => applyThemeToDocument(theme), [theme])
  const sizes = useAppStore(selectPaneSizes)
  const settingsOpen = useAppStore(selectSettingsOpen)
  const view = useAppStore(selectView)

  return (
    <div className="app">
      <Toolbar />
      <ConnectionBanner />
      <Files />
      <ExampleNotice />
      {/* In the flow, not over it: a toast never covers a control. */}
      <Toasts />
      {view === 'stress' && <StressLab />}
      {view === 'lessons' && (
        // The lessons say "watch the Gate panel": it is there, under them.
        <div className="lessons-with-gate">
          <Lessons />
          <GatePanel />
        </div>
      )}
      <main
        className="workspace"
        hidden={view !== 'playground'}
        style={{ gridTemplateRows: split(sizes.top) }}
      >
        <div className="workspace-top" style={{ gridTemplateColumns: split(sizes.source) }}>
          <div className="column" style={{ gridTemplateRows: split(sizes.editor) }}>
            <EditorPanel />
            <Splitter
              pane="editor"
              orientation="horizontal"
              label="Resize the editor and the input"
            />
            <InputPanel />
          </div>
          <Splitter
            pane="source"
            orientation="vertical"
            label="Resize the script and the results"
          />
          <div className="column" style={{ gridTemplateRows: split(sizes.result) }}>
            <ResultPanel />
            <Splitter
              pane="result"
              orientation="horizontal"
              label="Resize the result and the console"
            />
            <ConsolePanel />
          </div>
        </div>
        <Splitter pane="top" orientation="horizontal" label="Resize the workspace and the gate" />
        {/* Only while shown: it re-renders on every snapshot and ticks while permits are
            held, which a hidden playground must not cost the stress lab. */}
        {view === 'playground' && <GatePanel />}
      </main>
      {settingsOpen && <SettingsDialog />}
    </div>
  )
}
