/** What a lane thread is started with. */
export interface LaneWorkerData {
  lane: number
  laneMemoryMb: number
  /** The lane's shared status cells (see LaneStatus): cancel requests in, phase out. */
  statusBuffer: SharedArrayBuffer
  /** The compiled QuickJS module, shared by every lane of the host. */
  wasmModule: WebAssembly.Module
}
