/**
 * A run's value as the Result panel shows it. The sandbox already made it
 * JSON-safe; an absent value means the script returned `undefined`.
 */
export function formatResultValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  return JSON.stringify(value, null, 2) ?? String(value)
}
