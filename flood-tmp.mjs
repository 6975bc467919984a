import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core'
import variant from '@jitl/quickjs-wasmfile-release-sync'
const qjs = await newQuickJSWASMModuleFromVariant(variant)
for (const mode of ['interrupt-in-jobs', 'oom-in-jobs']) {
  const rt = qjs.newRuntime()
  const ctx = rt.newContext()
  let deadline = Date.now() + 200
  rt.setInterruptHandler(() => mode === 'interrupt-in-jobs' && Date.now() > deadline)
  if (mode === 'oom-in-jobs') rt.setMemoryLimit(32 * 1024 * 1024)
  const code = mode === 'interrupt-in-jobs'
    ? `const again = () => Promise.resolve().then(again); again(); 1`
    : `const keep = []; const grow = () => { keep.push("y".repeat(1e6) + keep.length); return Promise.resolve().then(grow) }; grow(); 1`
  const r = ctx.evalCode(code)
  if (r.error) r.error.dispose(); else r.value.dispose()
  const jobs = rt.executePendingJobs(-1)
  if (jobs.error) { console.log(mode, 'jobs error', ctx.dump(jobs.error)); jobs.error.dispose() } else console.log(mode, 'jobs ok', jobs.value)
  console.log('pending', rt.hasPendingJob())
  try { ctx.dispose(); console.log('ctx disposed'); rt.dispose(); console.log('rt disposed') } catch (e) { console.log('dispose threw', e.message) }
}
