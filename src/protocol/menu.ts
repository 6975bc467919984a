/**
 * What the desktop app's menu and shortcuts ask the window to do, pushed on
 * the one MENU_COMMAND_CHANNEL. The window decides how (it knows whether the
 * script has unsaved changes): Open calls `openFile({})`, Save calls
 * `saveFile` or `saveFileAs`, and so on. The browser edition has no native
 * menu and never sends these. Types only: the sandboxed preload imports it.
 */
export type MenuCommand =
  /**
   * The action of the view on screen (CmdOrCtrl+Enter, F5): run the script in
   * the playground, run the lesson in Lessons, start the stress in the lab.
   */
  | { type: 'run' }
  /** Stop the playground's runs (Shift+F5), only while the playground is on screen. */
  | { type: 'stop' }
  /** Close the tab in front (CmdOrCtrl+W), after asking about its unsaved changes. */
  | { type: 'close-tab' }
  /** Start an untitled script (CmdOrCtrl+N), after asking about unsaved changes. */
  | { type: 'new' }
  /** Open a script (CmdOrCtrl+O): call `openFile({})`, which shows the Open dialog. */
  | { type: 'open' }
  /** Reopen a file from File > Open Recent: call `openFile({ path })`. */
  | { type: 'open-recent'; path: string }
  /**
   * Save (CmdOrCtrl+S): `saveFile` when the script has a path, else
   * `saveFileAs`. With `then: 'close'` the user chose Save while closing the
   * window: report the result with `setDirty` (false closes the window,
   * true keeps it open).
   */
  | { type: 'save'; then?: 'close' }
  /** Save As (CmdOrCtrl+Shift+S): `saveFileAs`, which shows the Save dialog. */
  | { type: 'save-as' }
  /** Show the settings (CmdOrCtrl+,). */
  | { type: 'settings' }
  /** Show the examples. */
  | { type: 'examples' }

export type MenuCommandType = MenuCommand['type']
