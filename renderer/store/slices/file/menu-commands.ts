import type { MenuCommand } from '../../../../src/protocol/menu'
import type { AppStore } from '../../index'

/**
 * The desktop menu's file commands: New, Open, Open Recent, Save (and "Save,
 * then close" from the close question), Save As. False for other commands.
 */
export function handleFileMenuCommand(store: AppStore, command: MenuCommand): boolean {
  const state = store.getState()
  switch (command.type) {
    case 'new':
      state.newFile()
      return true
    case 'open':
      void state.openFile()
      return true
    case 'open-recent':
      void state.openFile(command.path)
      return true
    case 'save':
      if (command.then === 'close') void state.saveThenClose()
      else void state.saveFile()
      return true
    case 'save-as':
      void state.saveFileAs()
      return true
    default:
      return false
  }
}
