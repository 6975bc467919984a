const isApple =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

export type FileShortcutAction = 'new' | 'open' | 'save' | 'save-as'

/** How each file shortcut is written on this platform, and for aria-keyshortcuts. */
export const FILE_SHORTCUTS: Record<FileShortcutAction, { label: string; keys: string }> = {
  new: { label: isApple ? '⌘N' : 'Ctrl+N', keys: 'Control+N Meta+N' },
  open: { label: isApple ? '⌘O' : 'Ctrl+O', keys: 'Control+O Meta+O' },
  save: { label: isApple ? '⌘S' : 'Ctrl+S', keys: 'Control+S Meta+S' },
  'save-as': { label: isApple ? '⇧⌘S' : 'Ctrl+Shift+S', keys: 'Control+Shift+S Meta+Shift+S' },
}

/** Ctrl/Cmd+N, O, S and Shift+S; null for any other key. */
export function fileShortcutAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): FileShortcutAction | null {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return null
  switch (event.key.toLowerCase()) {
    case 'n':
      return event.shiftKey ? null : 'new'
    case 'o':
      return event.shiftKey ? null : 'open'
    case 's':
      return event.shiftKey ? 'save-as' : 'save'
    default:
      return null
  }
}
