// title: Stack overflow by recursion
// expect: StackOverflowError
//
// Recursion without an end would overflow the machine stack of whatever runs
// the engine. QuickJS checks its own stack depth against a limit (1 MB by
// default, the stackKb setting) and throws; each lane runs on a thread with a
// stack large enough that the engine's check always comes first. The run ends
// as StackOverflowError, never as a crash of the host.
function down(depth) {
  return down(depth + 1) + 1
}
return down(0)
