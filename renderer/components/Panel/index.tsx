import { useId } from 'react'
import type { ReactNode } from 'react'

interface PanelProps {
  /** The heading, and the region's accessible name: keep it short and stable. */
  title: string
  /** Controls beside the title (the editor's tabs), outside the accessible name. */
  header?: ReactNode
  /** Small status shown at the right of the header, outside the accessible name. */
  aside?: ReactNode
  className?: string
  children: ReactNode
}

/** A named region of the workspace: a header with its title, and a scrolling body. */
export function Panel({ title, header, aside, className, children }: PanelProps) {
  const headingId = useId()
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId} className="panel-title">
          {title}
        </h2>
        {header}
        {aside !== undefined && <div className="panel-aside">{aside}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  )
}
