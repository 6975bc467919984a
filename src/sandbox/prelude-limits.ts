/** Pending timers one run may hold. */
export const MAX_TIMERS = 1000

/** Levels nested deeper than this in a result or a logged object are refused. */
export const MAX_DEPTH = 1000

/** Frames of a stack kept in an outcome. */
export const MAX_STACK_FRAMES = 20
