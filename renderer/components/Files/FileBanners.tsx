import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { FILE_ERROR_HINT } from '../../store/slices/file/file-error'
import {
  selectFileBannerActions,
  selectFileNotice,
  selectSettingsNotice,
} from '../../store/slices/file/selectors'

/** `14:03` today, `3 May, 14:03` another day. */
export function formatSavedAt(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs)
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  if (new Date(now).toDateString() === date.toDateString()) return time
  return `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${time}`
}

const SETTINGS_NOTICE_TITLE = {
  corrupt: 'The settings file was damaged.',
  invalid: 'Some settings were not valid.',
  unreadable: 'The settings file could not be read.',
  'write-failed': 'A settings change could not be saved.',
} as const

/**
 * What the window must tell about files and settings, under the toolbar: a
 * bad settings file, a failed open, save or paste, and the unsaved tabs the
 * last session left (restored as tabs).
 */
export function FileBanners() {
  const notice = useAppStore(selectFileNotice)
  const settingsNotice = useAppStore(selectSettingsNotice)
  const { dismissFileNotice, dismissSettingsNotice } = useAppStore(
    useShallow(selectFileBannerActions),
  )

  return (
    <>
      {settingsNotice && (
        <div
          className="banner banner-notice file-banner"
          role="status"
          aria-label="Settings notice"
        >
          <span className="banner-message">
            <strong>{SETTINGS_NOTICE_TITLE[settingsNotice.kind]}</strong> {settingsNotice.message}
            {settingsNotice.backupPath &&
              !settingsNotice.message.includes(settingsNotice.backupPath) && (
                <>
                  {' '}
                  A copy of the old file is at <code>{settingsNotice.backupPath}</code>.
                </>
              )}
          </span>
          <button type="button" className="button button-small" onClick={dismissSettingsNotice}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div
          className={`banner ${notice.tone === 'error' ? 'banner-error' : 'banner-notice'} file-banner`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          aria-label="File notice"
        >
          <span className="banner-message">
            <strong className="file-banner-title">{notice.title}</strong> {notice.message}
            {FILE_ERROR_HINT[notice.title] && (
              <span className="file-banner-hint"> {FILE_ERROR_HINT[notice.title]}</span>
            )}
          </span>
          <button type="button" className="button button-small" onClick={dismissFileNotice}>
            Dismiss
          </button>
        </div>
      )}
    </>
  )
}
