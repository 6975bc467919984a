import { useMemo, useState } from 'react'
import type { JsonNode } from '../../json-tree/tree-model'
import {
  childNodes,
  describeValue,
  initiallyExpanded,
  isContainer,
} from '../../json-tree/tree-model'

/** Children shown per "show more". */
const PAGE_SIZE = 100

/**
 * A value as a collapsible tree, with each value's type: a run's result, or
 * an object a console line holds. The sandbox's markers (`[Circular]`,
 * `10n`, `{"[Map]": ...}`) show as what they stand for.
 */
export function JsonTree({
  value,
  label = 'Result value',
  startsOpen = initiallyExpanded,
}: {
  value: unknown
  label?: string
  /** Which nodes start expanded; the root and small direct children unless told. */
  startsOpen?: (node: JsonNode) => boolean
}) {
  const root = useMemo(() => describeValue(value), [value])
  return (
    <ul className="json-tree" aria-label={label}>
      <JsonTreeNode node={root} startsOpen={startsOpen} />
    </ul>
  )
}

function JsonTreeNode({
  node,
  startsOpen,
}: {
  node: JsonNode
  startsOpen: (node: JsonNode) => boolean
}) {
  const container = isContainer(node)
  const [expanded, setExpanded] = useState(() => container && startsOpen(node))
  const [shown, setShown] = useState(PAGE_SIZE)
  const children = useMemo(
    () => (container && expanded ? childNodes(node, 0, shown) : []),
    [container, expanded, node, shown],
  )

  const content = (
    <>
      {node.key !== null && <span className="json-key">{node.key}</span>}
      <span className={`json-value json-${node.type}`}>{node.preview}</span>
      <span className="json-type">{node.typeLabel}</span>
    </>
  )

  return (
    <li className="json-node">
      {container ? (
        <button
          type="button"
          className="json-row json-toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          <span className="json-twisty" aria-hidden="true" />
          {content}
        </button>
      ) : (
        <div className="json-row">
          <span className="json-twisty json-leaf" aria-hidden="true" />
          {content}
        </div>
      )}
      {expanded && (
        <ul className="json-children">
          {children.map((child) => (
            <JsonTreeNode key={child.path} node={child} startsOpen={startsOpen} />
          ))}
          {node.childCount > shown && (
            <li className="json-node">
              <button
                type="button"
                className="json-more"
                onClick={() => setShown(shown + PAGE_SIZE)}
              >
                Show {Math.min(PAGE_SIZE, node.childCount - shown)} more ({node.childCount - shown}{' '}
                not shown)
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  )
}
