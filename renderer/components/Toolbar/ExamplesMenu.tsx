import { useEffect, useId } from 'react'
import { useMenuKeys } from './use-menu-keys'
import { EXAMPLES } from '../../examples/catalog'
import { useAppStore } from '../../store/context'
import { selectExamplesOpen, selectSetExamplesOpen } from '../../store/slices/ui/selectors'
import { usePopover } from './use-popover'

/** A menu of example scripts; choosing one opens it in a new tab, never over the script in front. */
export function ExamplesMenu() {
  const openExample = useAppStore((state) => state.openExample)
  const open = useAppStore(selectExamplesOpen)
  const setOpen = useAppStore(selectSetExamplesOpen)
  const { root, trigger } = usePopover<HTMLDivElement>(open, setOpen)
  const menuId = useId()
  const { items, onMenuKeyDown } = useMenuKeys(setOpen)

  useEffect(() => {
    if (open) items.current[0]?.focus()
  }, [open, items])

  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Open an example script in a new tab"
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
                openExample(example)
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
