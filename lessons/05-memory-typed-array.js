// title: A memory bomb made of a typed array
// expect: MemoryLimitError
//
// Typed arrays ask for their whole buffer up front: half a gigabyte here, in
// one request. Sandboxes that only watch the JavaScript heap miss it; here it
// is refused at once, as MemoryLimitError, and nothing else is disturbed.
const buffer = new Uint8Array(500 * 1024 * 1024)
return buffer.length
