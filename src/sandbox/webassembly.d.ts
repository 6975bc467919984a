// The Node side compiles without the DOM library, which is where TypeScript
// keeps the WebAssembly types. This is the part of them the sandbox uses.
declare namespace WebAssembly {
  interface Module {
    readonly __brand?: 'WebAssembly.Module'
  }
  interface MemoryDescriptor {
    initial: number
    maximum?: number
    shared?: boolean
  }
  interface Memory {
    readonly buffer: ArrayBuffer
    grow(delta: number): number
  }
  const Module: { new (bytes: BufferSource): Module }
  const Memory: { new (descriptor: MemoryDescriptor): Memory }
}
