import { describe, expect, it } from 'vitest'
import { isAtEnd, scrollTopForRow, visibleWindow } from '../../../renderer/virtual-list/window'

describe('visibleWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(
      visibleWindow({ scrollTop: 0, viewportHeight: 220, rowHeight: 22, count: 1000, overscan: 5 }),
    ).toEqual({
      start: 0,
      end: 16,
      totalHeight: 22_000,
    })
    expect(
      visibleWindow({
        scrollTop: 2200,
        viewportHeight: 220,
        rowHeight: 22,
        count: 1000,
        overscan: 5,
      }),
    ).toEqual({
      start: 95,
      end: 116,
      totalHeight: 22_000,
    })
  })

  it('costs the same few rows at 100,000', () => {
    const window = visibleWindow({
      scrollTop: 1_000_000,
      viewportHeight: 300,
      rowHeight: 22,
      count: 100_000,
    })
    expect(window.end - window.start).toBeLessThan(40)
    expect(window.totalHeight).toBe(2_200_000)
  })

  it('clamps a scroll position past the end, and handles empty and tiny lists', () => {
    const atEnd = visibleWindow({
      scrollTop: 99_999,
      viewportHeight: 220,
      rowHeight: 22,
      count: 100,
      overscan: 0,
    })
    expect(atEnd.end).toBe(100)
    expect(atEnd.start).toBe(90)
    expect(visibleWindow({ scrollTop: 0, viewportHeight: 220, rowHeight: 22, count: 0 })).toEqual({
      start: 0,
      end: 0,
      totalHeight: 0,
    })
    expect(visibleWindow({ scrollTop: -50, viewportHeight: 220, rowHeight: 22, count: 3 })).toEqual(
      {
        start: 0,
        end: 3,
        totalHeight: 66,
      },
    )
  })
})

describe('isAtEnd and scrollTopForRow', () => {
  it('knows when the view is at the end, with a little slack', () => {
    expect(isAtEnd(780, 220, 1000)).toBe(true)
    expect(isAtEnd(777, 220, 1000)).toBe(true)
    expect(isAtEnd(700, 220, 1000)).toBe(false)
  })

  it('moves only as far as needed to show a row', () => {
    expect(scrollTopForRow(5, 0, 220, 22)).toBe(0) // visible already
    expect(scrollTopForRow(20, 0, 220, 22)).toBe(20 * 22 + 22 - 220) // below: bring to the bottom edge
    expect(scrollTopForRow(2, 400, 220, 22)).toBe(44) // above: bring to the top edge
  })
})
