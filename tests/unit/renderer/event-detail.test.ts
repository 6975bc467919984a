// The Event details panel rendered for real (React's server renderer, the
// real store): what a lane replacement shows, the engine's own words included.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import { EventDetail } from '../../../renderer/components/GatePanel/EventDetail'
import { EventLog } from '../../../renderer/event-log/event-log'
import { createAppStore } from '../../../renderer/store'
import { StoreProvider } from '../../../renderer/store/context'
import { eventStream } from './events'

function detailOf(detail?: string): string {
  const store = createAppStore(
    { api: {} as GatehouseApi, now: () => 0, storage: null, eventLog: new EventLog(100) },
    { status: 'open' },
  )
  const make = eventStream()
  const replaced = make({
    kind: 'lane.recycled',
    lane: 0,
    cause: 'thread replaced: lane-abort',
    ...(detail ? { detail } : {}),
  })
  store.getState().eventLog.append([replaced])
  return renderToStaticMarkup(
    createElement(StoreProvider, {
      store,
      children: createElement(EventDetail, {
        seq: replaced.seq,
        version: 1,
        onClose: () => undefined,
      }),
    }),
  )
}

describe('Event details', () => {
  it('a lane replaced after its engine aborted shows what the engine said, as it said it', () => {
    const html = detailOf('Aborted(Assertion failed: list_empty(&rt->gc_obj_list))\nsecond line')
    expect(html).toContain('The engine said')
    expect(html).toContain(
      'Aborted(Assertion failed: list_empty(&amp;rt-&gt;gc_obj_list))\nsecond line',
    )
  })

  it('says nothing of the engine when it said nothing', () => {
    expect(detailOf()).not.toContain('The engine said')
  })
})
