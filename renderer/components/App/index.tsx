import { ConnectionBanner } from '../ConnectionBanner'
import { ConsolePanel } from '../ConsolePanel'
import { EditorPanel } from '../EditorPanel'
import { GatePanel } from '../GatePanel'
import { InputPanel } from '../InputPanel'
import { ResultPanel } from '../ResultPanel'
import { Toolbar } from '../Toolbar'
import { useRunShortcut } from '../Toolbar/use-run-shortcut'

/** The playground: the script and its input on the left, what happened on the right. */
export function App() {
  useRunShortcut()
  return (
    <div className="app">
      <Toolbar />
      <ConnectionBanner />
      <main className="workspace">
        <div className="column column-source">
          <EditorPanel />
          <InputPanel />
        </div>
        <div className="column column-output">
          <ResultPanel />
          <ConsolePanel />
          <GatePanel />
        </div>
      </main>
    </div>
  )
}
