import type { ApiMethod, Channel } from './channel-names'
import { METHOD_CHANNELS } from './channel-names'
import type { FileListing, OpenFileResult, RecentFile, SaveFileResult, StoredDraft } from './files'
import {
  clearDraftRequestSchema,
  draftSchema,
  emptyRequestSchema,
  openFileRequestSchema,
  saveFileAsRequestSchema,
  saveFileRequestSchema,
  setDirtyRequestSchema,
} from './files'
import type { MenuCommand } from './menu'
import type { RunOutcome } from './outcome'
import { faultRequestSchema } from './faults'
import type { OpenSavedRunResult, SaveRunResult, SavedRunListing } from './saved-runs'
import { openSavedRunRequestSchema, saveRunRequestSchema } from './saved-runs'
import type { StressReportFull, StressState } from './stress'
import { stressCompareRequestSchema, stressPlanSchema } from './stress'
import type { GateVerdict } from './gate-verdict'
import { runRequestSchema, stopRequestSchema } from './request'
import type { Settings } from './settings'
import { settingsSchema } from './settings'
import type { SettingsStatus } from './settings-status'
import type { GateSnapshot, TelemetryBatch } from './telemetry'
import { z } from 'zod'

/**
 * Each channel's request schema (checked at the handler, never trusted) and
 * response type (a phantom field that only feeds the derived types below).
 */
export const CHANNELS = {
  [METHOD_CHANNELS.run]: {
    request: runRequestSchema,
    response: null as unknown as RunOutcome,
  },
  [METHOD_CHANNELS.stop]: {
    request: stopRequestSchema,
    response: null as unknown as { stopped: boolean },
  },
  [METHOD_CHANNELS.snapshot]: {
    request: z.object({}).strict(),
    response: null as unknown as GateSnapshot,
  },
  [METHOD_CHANNELS.getSettings]: {
    request: z.object({}).strict(),
    response: null as unknown as Settings,
  },
  /** Changes some settings; answers with all of them as they now are. */
  [METHOD_CHANNELS.updateSettings]: {
    request: settingsSchema.partial(),
    response: null as unknown as Settings,
  },
  /** Fault injection, for lessons and demos: each shows its recovery live. */
  [METHOD_CHANNELS.injectFault]: {
    request: faultRequestSchema,
    response: null as unknown as { injected: string },
  },
  /** The semaphore-leak lesson: one workload through the real gate and three broken ones. */
  [METHOD_CHANNELS.compareGates]: {
    request: z.object({}).strict(),
    response: null as unknown as GateVerdict[],
  },
  /** Starts a stress run on this core (one at a time); progress arrives in the telemetry. */
  [METHOD_CHANNELS.startStress]: {
    request: stressPlanSchema,
    response: null as unknown as { stressId: string },
  },
  [METHOD_CHANNELS.controlStress]: {
    request: z
      .object({
        stressId: z.string({ error: 'stressId must be a string' }),
        action: z.enum(['pause', 'resume', 'cancel'], {
          error: 'action must be pause, resume or cancel',
        }),
      })
      .strict(),
    response: null as unknown as { state: StressState },
  },
  /** The full report (totals, audit, series, every run): final once the stress is done or cancelled. */
  [METHOD_CHANNELS.stressReport]: {
    request: z.object({ stressId: z.string({ error: 'stressId must be a string' }) }).strict(),
    response: null as unknown as StressReportFull,
  },
  /**
   * Runs one plan under policy A, then under policy B (the same seed), then
   * puts the user's settings back; each half reports as a stress of its own.
   */
  [METHOD_CHANNELS.compareStress]: {
    request: stressCompareRequestSchema,
    response: null as unknown as {
      comparisonId: string
      seed: number
      stressIds: { a: string; b: string }
    },
  },
  /** The saved runs (browser edition: the workspace's .gatehouse/runs/; desktop: dialogs instead). */
  [METHOD_CHANNELS.listSavedRuns]: {
    request: emptyRequestSchema,
    response: null as unknown as SavedRunListing,
  },
  /** Saves a finished stress's report, atomically (desktop: the Save dialog). */
  [METHOD_CHANNELS.saveRun]: {
    request: saveRunRequestSchema,
    response: null as unknown as SaveRunResult,
  },
  /** Reads a saved run's file as it is (desktop: the Open dialog). */
  [METHOD_CHANNELS.openSavedRun]: {
    request: openSavedRunRequestSchema,
    response: null as unknown as OpenSavedRunResult,
  },
  [METHOD_CHANNELS.resetStats]: {
    request: z.object({}).strict(),
    response: null as unknown as { reset: true },
  },
  /** Where the settings were loaded from, and a notice when the file was bad. */
  [METHOD_CHANNELS.settingsStatus]: {
    request: emptyRequestSchema,
    response: null as unknown as SettingsStatus,
  },
  /** The workspace's scripts (browser edition); empty with nativeDialogs in the desktop app. */
  [METHOD_CHANNELS.listFiles]: {
    request: emptyRequestSchema,
    response: null as unknown as FileListing,
  },
  /** Opens a script and its sidecar (desktop: the Open dialog when no path is given). */
  [METHOD_CHANNELS.openFile]: {
    request: openFileRequestSchema,
    response: null as unknown as OpenFileResult,
  },
  /** Saves a script and its sidecar, atomically, to the path it was opened or saved at. */
  [METHOD_CHANNELS.saveFile]: {
    request: saveFileRequestSchema,
    response: null as unknown as SaveFileResult,
  },
  /** Saves under a new path (desktop: the Save dialog). */
  [METHOD_CHANNELS.saveFileAs]: {
    request: saveFileAsRequestSchema,
    response: null as unknown as SaveFileResult,
  },
  /** The recently opened or saved scripts, newest first, missing files left out. */
  [METHOD_CHANNELS.recentFiles]: {
    request: emptyRequestSchema,
    response: null as unknown as { files: RecentFile[] },
  },
  /** Keeps a crash-recovery copy of one tab (replaces that tab's previous one). */
  [METHOD_CHANNELS.saveDraft]: {
    request: draftSchema,
    response: null as unknown as { savedAt: number },
  },
  /** The drafts the last session left, oldest first: its unsaved tabs, to restore after a crash. */
  [METHOD_CHANNELS.loadDraft]: {
    request: emptyRequestSchema,
    response: null as unknown as { drafts: StoredDraft[] },
  },
  /** Removes one tab's draft (`tabId`), or all of them. */
  [METHOD_CHANNELS.clearDraft]: {
    request: clearDraftRequestSchema,
    response: null as unknown as { cleared: boolean },
  },
  /** Tells the desktop app whether the script has unsaved changes (it asks on close). */
  [METHOD_CHANNELS.setDirty]: {
    request: setDirtyRequestSchema,
    response: null as unknown as { dirty: boolean },
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: unknown }>

export type ChannelRequest<C extends Channel> = z.infer<(typeof CHANNELS)[C]['request']>
export type ChannelResponse<C extends Channel> = (typeof CHANNELS)[C]['response']

/** A response as it crosses a boundary: a value, or an error as data. */
export type Reply<T> =
  { ok: true; value: T } | { ok: false; error: { type: string; message: string } }

/**
 * What the window can ask of the core, derived from {@link METHOD_CHANNELS}
 * and {@link CHANNELS}, whichever bridge carries it (the Electron preload or
 * the browser edition's WebSocket). Components use this and never know which
 * bridge is underneath. A bridge rejects with an Error when a Reply fails.
 */
export type GatehouseApi = {
  [M in ApiMethod]: (
    request: ChannelRequest<(typeof METHOD_CHANNELS)[M]>,
  ) => Promise<ChannelResponse<(typeof METHOD_CHANNELS)[M]>>
} & {
  /** Subscribes to telemetry batches; returns the unsubscribe. */
  onTelemetry(listener: (batch: TelemetryBatch) => void): () => void
  /**
   * Subscribes to the desktop menu's commands; returns the unsubscribe.
   * Only the desktop app has it (the browser edition has no native menu).
   */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void
}
