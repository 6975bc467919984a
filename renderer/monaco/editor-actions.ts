import type { editor } from 'monaco-editor/editor/editor.api'
import type { AppStore } from '../store'
import type { Monaco } from './monaco-api'

/**
 * Run and Stop inside an editor. Monaco sees the keys before the window does
 * (and would insert a line on Ctrl+Enter), so each editor binds them itself;
 * the window's handler skips events Monaco already handled.
 */
export function addRunActions(
  instance: editor.IStandaloneCodeEditor,
  monaco: Pick<Monaco, 'KeyMod' | 'KeyCode'>,
  store: AppStore,
): void {
  const { KeyMod, KeyCode } = monaco
  instance.addAction({
    id: 'gatehouse.run',
    label: 'Gatehouse: Run Script',
    keybindings: [KeyMod.CtrlCmd | KeyCode.Enter, KeyCode.F5],
    run: () => void store.getState().startRun(),
  })
  instance.addAction({
    id: 'gatehouse.stop',
    label: 'Gatehouse: Stop Runs',
    keybindings: [KeyMod.Shift | KeyCode.F5],
    run: () => void store.getState().stopRuns(),
  })
}
