import { describe, expect, it } from 'vitest'
import { RingBuffer } from '../../../renderer/event-log/ring-buffer'

describe('RingBuffer', () => {
  it('rejects a capacity that is not a whole number from 1 up', () => {
    expect(() => new RingBuffer(0)).toThrow(
      'Expected `capacity` to be a whole number from 1 and up, got 0',
    )
    expect(() => new RingBuffer(2.5)).toThrow(TypeError)
  })

  it('keeps items oldest first until full', () => {
    const ring = new RingBuffer<number>(3)
    ring.push(1)
    ring.push(2)
    expect(ring.length).toBe(2)
    expect(ring.toArray()).toEqual([1, 2])
    expect(ring.get(0)).toBe(1)
    expect(ring.last()).toBe(2)
    expect(ring.evicted).toBe(0)
  })

  it('evicts the oldest item when full and counts evictions', () => {
    const ring = new RingBuffer<number>(3)
    for (let i = 1; i <= 7; i++) ring.push(i)
    expect(ring.length).toBe(3)
    expect(ring.toArray()).toEqual([5, 6, 7])
    expect(ring.evicted).toBe(4)
    expect(ring.get(0)).toBe(5)
    expect(ring.get(2)).toBe(7)
  })

  it('answers undefined outside its items', () => {
    const ring = new RingBuffer<string>(2)
    expect(ring.get(0)).toBeUndefined()
    expect(ring.last()).toBeUndefined()
    ring.push('a')
    expect(ring.get(-1)).toBeUndefined()
    expect(ring.get(1)).toBeUndefined()
    expect(ring.get(0.5)).toBeUndefined()
  })

  it('clears items and the eviction count', () => {
    const ring = new RingBuffer<number>(2)
    for (let i = 0; i < 5; i++) ring.push(i)
    ring.clear()
    expect(ring.length).toBe(0)
    expect(ring.evicted).toBe(0)
    ring.push(9)
    expect(ring.toArray()).toEqual([9])
  })

  it('finds items by an increasing key, across the wrap-around', () => {
    const ring = new RingBuffer<{ seq: number }>(100)
    for (let seq = 1; seq <= 250; seq += 2) ring.push({ seq })
    const keyOf = (item: { seq: number }) => item.seq
    expect(ring.get(ring.findIndexBySortedKey(151, keyOf))?.seq).toBe(151)
    expect(ring.get(ring.findIndexBySortedKey(249, keyOf))?.seq).toBe(249)
    expect(ring.findIndexBySortedKey(150, keyOf)).toBe(-1)
    expect(ring.findIndexBySortedKey(1, keyOf)).toBe(-1) // evicted
  })

  it('holds 100,000 items in one array and pushes a million quickly', () => {
    const ring = new RingBuffer<number>(100_000)
    const started = performance.now()
    for (let i = 0; i < 1_000_000; i++) ring.push(i)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(ring.length).toBe(100_000)
    expect(ring.get(0)).toBe(900_000)
    expect(ring.last()).toBe(999_999)
  })
})
