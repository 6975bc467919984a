/** What a lane thread is started with. */
export interface LaneWorkerData {
  lane: number
  laneMemoryMb: number
  /** Int32Array over this: cell 0 holds the seq of the run to stop. */
  cancelBuffer: SharedArrayBuffer
  /** The compiled QuickJS module, shared by every lane of the host. */
  wasmModule: WebAssembly.Module
}
