// title: Escape past a keyword blacklist
// expect: ok
//
// Some sandboxes scan the code for dangerous words (eval, constructor,
// process) and refuse scripts that contain them. Strings can be built at run
// time, so a blacklist only stops the honest: this['ev' + 'al'] and
// ['con', 'structor'].join('') pass any scan. Gatehouse scans nothing for
// safety (its analyzer only chooses a route); its safety comes from what the
// sandbox does not contain. eval exists here, because it is part of the
// language, and it evaluates in the same empty world.
const evalByName = this['ev' + 'al']
const ctorKey = ['con', 'structor'].join('')
const viaEval = evalByName('typeof process')
const viaCtor = {}[ctorKey][ctorKey]('return typeof require')()
if (viaEval !== 'undefined' || viaCtor !== 'undefined') throw new Error('escaped')
return { eval: typeof evalByName, viaEval, viaCtor }
