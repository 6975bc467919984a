import type { ChartImage } from './StreamChart'

export interface ComposeColors {
  background: string
  text: string
  muted: string
}

/** A canvas as a PNG blob. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG'))),
      'image/png',
    ),
  )
}

/**
 * The charts side by side in one PNG, each with its title and legend drawn
 * in (uPlot draws the plot and axes on its canvas; title and legend are DOM).
 */
export function composeChartsPng(
  title: string,
  charts: readonly ChartImage[],
  colors: ComposeColors,
  columns = 2,
): Promise<Blob> {
  const scale = window.devicePixelRatio || 1
  const pad = 16 * scale
  const header = 22 * scale
  const titleHeight = 36 * scale
  const cellWidth = Math.max(...charts.map((c) => c.canvas.width), 1)
  const cellHeight = Math.max(...charts.map((c) => c.canvas.height), 1) + header
  const rows = Math.ceil(charts.length / columns)
  const canvas = document.createElement('canvas')
  canvas.width = pad + columns * (cellWidth + pad)
  canvas.height = titleHeight + pad + rows * (cellHeight + pad)
  const ctx = canvas.getContext('2d')
  if (!ctx) return Promise.reject(new Error('No 2D canvas in this browser'))
  ctx.fillStyle = colors.background
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.textBaseline = 'middle'
  ctx.fillStyle = colors.text
  ctx.font = `600 ${15 * scale}px system-ui, sans-serif`
  ctx.fillText(title, pad, pad + titleHeight / 2 - 4 * scale)
  charts.forEach((chart, index) => {
    const x = pad + (index % columns) * (cellWidth + pad)
    const y = titleHeight + pad + Math.floor(index / columns) * (cellHeight + pad)
    ctx.fillStyle = colors.text
    ctx.font = `600 ${12 * scale}px system-ui, sans-serif`
    ctx.fillText(chart.title, x, y + header / 2)
    let legendX = x + ctx.measureText(chart.title).width + 14 * scale
    ctx.font = `${11 * scale}px system-ui, sans-serif`
    for (const line of chart.lines) {
      ctx.fillStyle = line.color
      ctx.fillRect(legendX, y + header / 2 - 1.5 * scale, 12 * scale, 3 * scale)
      legendX += 16 * scale
      ctx.fillStyle = colors.muted
      ctx.fillText(line.label, legendX, y + header / 2)
      legendX += ctx.measureText(line.label).width + 12 * scale
    }
    ctx.drawImage(chart.canvas, x, y + header)
  })
  return canvasToPng(canvas)
}
