/** WCAG 2 contrast, for the colour tests: `#rrggbb`, or `rgb(r g b / a)` drawn over an opaque colour. */
export type Rgb = readonly [number, number, number]

export function parseColour(text: string | undefined, over?: Rgb): Rgb {
  if (text === undefined) throw new Error('no such colour')
  const hex = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim())
  if (hex) return [hex[1], hex[2], hex[3]].map((pair) => parseInt(pair ?? '', 16)) as unknown as Rgb
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*(?:[/,]\s*([\d.]+)\s*)?\)$/i.exec(
    text.trim(),
  )
  if (!rgb) throw new Error(`not a colour this test reads: ${text}`)
  const colour: Rgb = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  const alpha = rgb[4] === undefined ? 1 : Number(rgb[4])
  if (alpha === 1) return colour
  if (!over) throw new Error(`${text} is translucent: say what it is drawn over`)
  const [r, g, b] = colour
  return [
    r * alpha + over[0] * (1 - alpha),
    g * alpha + over[1] * (1 - alpha),
    b * alpha + over[2] * (1 - alpha),
  ]
}

function luminance(colour: Rgb): number {
  const [r, g, b] = colour.map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as unknown as Rgb
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)]
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}
