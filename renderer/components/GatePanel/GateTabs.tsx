import { useId, useRef } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'
import { useAppStore } from '../../store/context'
import { selectGateTab, selectSetGateTab } from '../../store/slices/ui/selectors'
import type { GateTab } from '../../store/slices/ui/types'

const TABS: { tab: GateTab; label: string }[] = [
  { tab: 'events', label: 'Events' },
  { tab: 'stats', label: 'Stats' },
  { tab: 'faults', label: 'Faults' },
]

/**
 * The Gate's last column: the event log, the stats and the fault buttons as
 * tabs, so the permits, the waiting runs and the lanes keep their room. Arrow
 * keys, Home and End move between tabs (the WAI-ARIA tabs pattern).
 */
export function GateTabs({ panels }: { panels: Record<GateTab, ReactNode> }) {
  const selected = useAppStore(selectGateTab)
  const select = useAppStore(selectSetGateTab)
  const baseId = useId()
  const tabRefs = useRef<Partial<Record<GateTab, HTMLButtonElement | null>>>({})

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.tab === selected)
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    const tab = (TABS[next] as (typeof TABS)[number]).tab
    select(tab)
    tabRefs.current[tab]?.focus()
  }

  return (
    <div className="gate-tabs">
      <div role="tablist" aria-label="Gate details" className="gate-tablist" onKeyDown={onKeyDown}>
        {TABS.map(({ tab, label }) => (
          <button
            key={tab}
            ref={(element) => {
              tabRefs.current[tab] = element
            }}
            type="button"
            role="tab"
            id={`${baseId}-${tab}-tab`}
            aria-selected={selected === tab}
            aria-controls={selected === tab ? `${baseId}-${tab}-panel` : undefined}
            tabIndex={selected === tab ? 0 : -1}
            className="gate-tab"
            onClick={() => select(tab)}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-${selected}-panel`}
        aria-labelledby={`${baseId}-${selected}-tab`}
        className="gate-tabpanel"
      >
        {panels[selected]}
      </div>
    </div>
  )
}
