/**
 * The workspace's resizable splits, each a fraction of its container:
 * `top` is the editors and results above the Gate, `source` the editor
 * column's width, `editor` the editor above the input, `result` the result
 * above the console.
 */
export interface PaneSizes {
  top: number
  source: number
  editor: number
  result: number
}

export type PaneName = keyof PaneSizes

export const DEFAULT_PANE_SIZES: PaneSizes = { top: 0.6, source: 0.54, editor: 0.68, result: 0.56 }

/** No pane shrinks below this share of its container, or grows above its complement. */
export const MIN_PANE_FRACTION = 0.15

export function clampFraction(value: number): number {
  if (!Number.isFinite(value)) return 0.5
  return Math.min(1 - MIN_PANE_FRACTION, Math.max(MIN_PANE_FRACTION, value))
}

/** Pane sizes read back from storage, or null when they are not pane sizes. */
export function parsePaneSizes(value: unknown): PaneSizes | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const sizes = { ...DEFAULT_PANE_SIZES }
  for (const name of Object.keys(DEFAULT_PANE_SIZES) as PaneName[]) {
    const fraction = record[name]
    if (typeof fraction === 'number' && Number.isFinite(fraction))
      sizes[name] = clampFraction(fraction)
  }
  return sizes
}
