// title: Microtasks before timers
// expect: ok
// trace: on
//
// Promise callbacks (microtasks) and timers (macrotasks) wait in two
// different queues. After the synchronous part, and again after every timer,
// the loop drains every promise job before it takes the next timer, even a
// timer due at once. The console lines are numbered in the order they
// appear; the trace shows why: the synchronous part, then a batch of promise
// jobs, then each timer followed by the jobs it queued. Step through it, and
// each timer links to the line that set it.
console.log('1: synchronous')
setTimeout(() => {
  console.log('5: the first timer')
  Promise.resolve().then(() => console.log('6: its promise job, before the next timer'))
}, 0)
setTimeout(() => console.log('7: the second timer'), 0)
Promise.resolve().then(() => console.log('3: a promise job'))
queueMicrotask(() => console.log('4: a queued microtask'))
console.log('2: still synchronous')
await new Promise((resolve) => setTimeout(resolve, 10))
return 'the order is in the console, the reason in the trace'
