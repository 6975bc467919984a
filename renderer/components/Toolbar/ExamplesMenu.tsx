import { useEffect, useId, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import { EXAMPLES } from '../../examples/catalog'
import { useAppStore } from '../../store/context'
import { selectLoadExample } from '../../store/slices/editor/selectors'
import { selectExamplesOpen, selectSetExamplesOpen } from '../../store/slices/ui/selectors'
import { usePopover } from './use-popover'

/** A menu of example scripts; choosing one loads its code, input, language and limits. */
export function ExamplesMenu() {
  const loadExample = useAppStore(selectLoadExample)
  const open = useAppStore(selectExamplesOpen)
  const setOpen = useAppStore(selectSetExamplesOpen)
  const { root, trigger } = usePopover<HTMLDivElement>(open, setOpen)
  const menuId = useId()
  const items = useRef<(HTMLButtonElement | null)[]>([])

  useEffect(() => {
    if (open) items.current[0]?.focus()
  }, [open])

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = items.current.filter((item): item is HTMLButtonElement => item !== null)
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    let next: number | null = null
    if (event.key === 'ArrowDown') next = (index + 1) % buttons.length
    else if (event.key === 'ArrowUp') next = (index - 1 + buttons.length) % buttons.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = buttons.length - 1
    else if (event.key === 'Tab') setOpen(false)
    if (next === null) return
    event.preventDefault()
    buttons[next]?.focus()
  }

  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Load an example script"
        onClick={() => setOpen(!open)}
      >
        Examples
        <span className="chevron" aria-hidden="true" />
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Examples"
          className="popover menu"
          onKeyDown={onMenuKeyDown}
        >
          {EXAMPLES.map((example, index) => (
            <button
              key={example.id}
              ref={(element) => {
                items.current[index] = element
              }}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                loadExample(example)
                setOpen(false)
                trigger.current?.focus()
              }}
            >
              <span className="menu-item-title">
                {example.title}
                {example.language === 'ts' && <span className="tag">TS</span>}
              </span>
              <span className="menu-item-summary">{example.summary}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
