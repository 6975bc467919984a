import type { Language } from '../../src/protocol/request'
import type { RunLimits, Settings } from '../../src/protocol/settings'

/** A script in the Examples menu: what it loads into the editor, input and limits. */
export interface Example {
  id: string
  title: string
  /** One sentence: what it shows and what to expect. */
  summary: string
  language: Language
  code: string
  /** JSON text for the Input panel; empty when the script takes none. */
  input: string
  /** Per-run limits it sets in the toolbar; the others go back to the gate's settings. */
  limits?: RunLimits
  /**
   * Gate settings it needs to show what it is meant to: each at least the
   * value in `atLeast`; `apply` is what the "apply" button sets.
   */
  requires?: { atLeast: Partial<Settings>; apply: Partial<Settings>; reason: string }
}
