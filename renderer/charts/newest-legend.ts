import type uPlot from 'uplot'

/** Per series, the index of its newest value (a replay's later values, or the other side's times, are gaps). */
function newestIdxs(u: uPlot): (number | null)[] {
  return u.data.map((column, series) => {
    if (series === 0) return column.length > 0 ? column.length - 1 : null
    for (let i = column.length - 1; i >= 0; i--) if (column[i] != null) return i
    return null
  })
}

/**
 * Away from the cursor, a chart's legend shows each line's newest value
 * rather than dashes. Call after new data, and from the setLegend hook.
 */
export function showNewestInLegend(u: uPlot): void {
  if (u.cursor.idx != null) return
  const idxs = newestIdxs(u)
  const current = u.legend.idxs ?? []
  if (idxs.every((idx, series) => current[series] === idx)) return
  u.setLegend({ idxs }, false)
}
