/** Beyond this many permits a cell per permit is noise: draw a bar instead. */
const MAX_CELLS = 32

/** Permits in use out of the total, drawn; the numbers sit beside it as text. */
export function PermitMeter({ inUse, total }: { inUse: number; total: number }) {
  if (total > MAX_CELLS) {
    const percent = total === 0 ? 0 : Math.min(100, (inUse / total) * 100)
    return (
      <div className="permit-bar" aria-hidden="true">
        <div className="permit-bar-fill" style={{ width: `${percent}%` }} />
      </div>
    )
  }
  return (
    <div className="permit-cells" aria-hidden="true">
      {Array.from({ length: total }, (_, index) => (
        <span key={index} className={index < inUse ? 'permit-cell held' : 'permit-cell'} />
      ))}
    </div>
  )
}
