// title: A result too large to send
// expect: ResultError
//
// Results are capped at 5 MB of JSON: a window that freezes while it renders
// a giant value is a crash by other means. The size is checked in the sandbox
// host before anything is sent, and the run ends as ResultError saying how
// large the result was.
return 'x'.repeat(6 * 1024 * 1024)
