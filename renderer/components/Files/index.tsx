import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { selectFileDialogView, selectFileName } from '../../store/slices/file/selectors'
import { FileBanners } from './FileBanners'
import { FilePicker } from './FilePicker'
import { FilePromptDialog } from './FilePromptDialog'
import {
  useBeforeUnloadGuard,
  useDocumentTitle,
  useFileShortcuts,
  usePasteGuard,
} from './use-file-guards'

/**
 * Scripts as files, the window's side: the banners (draft to restore, a bad
 * settings file, a failed save), the browser edition's picker, the questions
 * before something is lost, the title, the shortcuts and the guards.
 */
export function Files() {
  useDocumentTitle()
  useFileShortcuts()
  useBeforeUnloadGuard()
  usePasteGuard()
  const name = useAppStore(selectFileName)
  const view = useAppStore(useShallow(selectFileDialogView))

  return (
    <>
      <FileBanners />
      {view.picker && (
        <FilePicker
          key={view.picker.mode}
          picker={view.picker}
          listing={view.listing}
          listingError={view.listingError}
          busy={view.busy}
          language={view.language}
          onOpen={(path) => void view.openFile(path)}
          onSave={(path) =>
            void view.saveFileAs(path, view.picker?.then ? { then: view.picker.then } : {})
          }
          onClose={view.closePicker}
          onRefresh={() => void view.refreshFileListing()}
          onEdit={view.clearPickerError}
        />
      )}
      {view.prompt && (
        <FilePromptDialog
          prompt={view.prompt}
          name={name}
          onAnswer={(choice) => void view.answerPrompt(choice)}
        />
      )}
    </>
  )
}
