// A stress workload with faults mixed in, chosen by the run's index:
// most runs return at once; some throw, loop forever, allocate without
// bound or recurse without end.
const i = input.i
if (i % 50 === 7) while (true) {}
if (i % 50 === 11) {
  const a = []
  while (true) a.push(new Array(1e5).fill(i))
}
if (i % 50 === 13) {
  const f = (n) => f(n + 1) + 1
  return f(0)
}
if (i % 10 === 3) throw new Error(`run ${i} failed on purpose`)
let sum = 0
for (let k = 0; k < 1000; k++) sum += k
return { i, sum }
