import { useId } from 'react'
import { useAppStore } from '../../store/context'
import { selectSetView } from '../../store/slices/ui/selectors'

const FAULTS = [
  {
    name: 'Kill lane N',
    text: 'Ends a lane’s worker thread, as a crash inside the engine would. The run it held ends as PanicError (lane-exit), its permit comes back, and a new lane starts in its place.',
  },
  {
    name: 'Hang lane N',
    text: 'Makes a lane’s thread stop answering. Within two seconds the lane shows as unresponsive and gets no runs; a moment later its thread is replaced. A run already sent to it goes back to the queue and runs on another lane.',
  },
  {
    name: 'Kill host',
    text: 'Kills the whole process the lanes live in. Every run it held ends as PanicError (host-exit); a new host starts with fresh lanes, and the runs waiting at the gate go on.',
  },
  {
    name: 'Throw next N runs',
    text: 'The next N runs fail at once with an injected ScriptError: a way to watch failures pass the gate without a crash.',
  },
]

/** What a PanicError is, and how to cause one on purpose and watch the recovery. */
export function FaultsLesson() {
  const setView = useAppStore(selectSetView)
  const headingId = useId()
  return (
    <article className="lesson-detail" aria-labelledby={headingId}>
      <header className="lesson-header">
        <p className="lesson-kicker">Faults · crashes and recovery</p>
        <h2 id={headingId} className="lesson-title">
          Fault injection: crash it, and watch it recover
        </h2>
      </header>
      <p className="lesson-explanation">
        A PanicError means the engine or a sandbox process failed underneath a run: a WebAssembly
        abort, a thread that exited, a host process that died or stopped answering its heartbeat.
        Gatehouse fails only the runs that were there, as PanicError with the cause, releases their
        permits, and brings the capacity back by itself. The Gate panel in the playground has a
        Faults section that causes each of these on purpose, while you watch the permits, the lanes
        and the event log.
      </p>
      <ul className="faults-list">
        {FAULTS.map((fault) => (
          <li key={fault.name}>
            <strong>{fault.name}.</strong> {fault.text}
          </li>
        ))}
      </ul>
      <p className="lesson-explanation">
        Try it: run the infinite loop in the playground with a long time limit, then kill its lane.
        The result shows PanicError, the lane shows “starting”, then “idle” again, and the event log
        marks the panic and the new lane.
      </p>
      <div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setView('playground')}
        >
          Go to the Gate panel
        </button>
      </div>
    </article>
  )
}
