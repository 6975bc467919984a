/**
 * API method -> channel name. Kept free of runtime imports so the sandboxed
 * preload and the browser bundle can use it without pulling in the schemas.
 */
export const METHOD_CHANNELS = {
  run: 'run:submit',
  stop: 'run:stop',
  snapshot: 'gate:snapshot',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  resetStats: 'stats:reset',
  injectFault: 'fault:inject',
  compareGates: 'lessons:compareGates',
  playMatrixPath: 'lessons:playMatrixPath',
  startStress: 'stress:start',
  controlStress: 'stress:control',
  stressReport: 'stress:report',
  compareStress: 'stress:compare',
  listSavedRuns: 'runs:list',
  saveRun: 'runs:save',
  openSavedRun: 'runs:open',
  settingsStatus: 'settings:status',
  listFiles: 'files:list',
  openFile: 'files:open',
  saveFile: 'files:save',
  saveFileAs: 'files:saveAs',
  recentFiles: 'files:recent',
  saveDraft: 'draft:save',
  loadDraft: 'draft:load',
  clearDraft: 'draft:clear',
  setDirty: 'window:setDirty',
} as const

export type ApiMethod = keyof typeof METHOD_CHANNELS
export type Channel = (typeof METHOD_CHANNELS)[ApiMethod]

/** The push channel that carries telemetry batches to the window. */
export const TELEMETRY_CHANNEL = 'telemetry:batch'

/** The push channel that carries the desktop menu's commands to the window (see menu.ts). */
export const MENU_COMMAND_CHANNEL = 'menu:command'
