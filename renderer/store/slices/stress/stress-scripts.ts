import type { Language } from '../../../../src/protocol/request'
import { EXAMPLES, findExample } from '../../../examples/catalog'

/** A short, honest workload: a little arithmetic on the run's own input, then a result. */
export const STRESS_WORKLOAD = `// Every run of a stress gets input = { i }, its index.
let sum = 0
for (let k = 0; k < 1000; k++) sum += (k * input.i) % 7
return { i: input.i, sum }
`

export interface StressScriptChoice {
  /** The value of the Script select: 'workload', 'editor', or an example's id. */
  id: string
  label: string
}

/** What the Script select offers: the workload, the editor's script, then the examples. */
export const STRESS_SCRIPT_CHOICES: readonly StressScriptChoice[] = [
  { id: 'workload', label: 'Stress workload: a small sum per run' },
  { id: 'editor', label: 'The editor’s script' },
  ...EXAMPLES.map((example) => ({ id: example.id, label: `Example: ${example.title}` })),
]

/** The code and language a source stands for, or null when it names nothing known. */
export function resolveStressScript(
  source: string,
  editor: { code: string; language: Language },
): { code: string; language: Language } | null {
  if (source === 'workload') return { code: STRESS_WORKLOAD, language: 'js' }
  if (source === 'editor') return { code: editor.code, language: editor.language }
  const example = findExample(source)
  return example ? { code: example.code, language: example.language } : null
}
