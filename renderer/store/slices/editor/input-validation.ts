/** Why `text` cannot be a run's input, or null when it can (empty means no input). */
export function validateInputJson(text: string): string | null {
  if (text.trim() === '') return null
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return `Input is not valid JSON: ${reason}`
  }
}
