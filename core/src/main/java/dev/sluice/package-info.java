/**
 * Sluice core: Rust {@code std::sync::mpsc} / {@code mpmc} channels for Java. Start at
 * {@link dev.sluice.Channel}.
 *
 * <p>Public: {@link dev.sluice.Channel}, {@link dev.sluice.Sender}, {@link dev.sluice.Receiver},
 * the results {@link dev.sluice.TrySendResult}, {@link dev.sluice.SendTimeoutResult},
 * {@link dev.sluice.TryRecvResult}, {@link dev.sluice.RecvTimeoutResult}, the exceptions
 * {@link dev.sluice.DisconnectedException} and {@link dev.sluice.SendDisconnectedException},
 * {@link dev.sluice.Watch}, {@link dev.sluice.BlockingGuard}, {@link dev.sluice.Select} (with
 * {@code SelectBuilder} and {@code Selected}), {@link dev.sluice.OverflowPolicy},
 * {@link dev.sluice.ChannelBuilder} and {@link dev.sluice.ChannelStats}. Everything else is a
 * package-private implementation class, one concept per file.
 *
 * <h2>Architecture</h2>
 * Seams, from the handles down (crossbeam-channel's shape):
 * <ul>
 *   <li>Handles: {@code Sender} and {@code Receiver} check their arguments and their own
 *       state, and delegate; {@code Shared} counts handles, records the close cause and
 *       receives what the channel drops ({@code Discards}).</li>
 *   <li>Roles: {@code SendFlavor} (the send side) and {@code RecvFlavor} (the receive side)
 *       over {@code Flavor} (snapshots, disconnection, counters). {@code ArrayFlavor}
 *       (bounded), {@code ListFlavor} (unbounded) and {@code ZeroFlavor} (rendezvous) play both
 *       roles; {@code TimerFlavor} (after, at, tick, never) only receives.</li>
 *   <li>The send path: the overflow policy is a send side ({@code DroppingSend}:
 *       {@code DropNewest} over any flavor, {@code ArrayFlavor}'s own {@code DropOldest}), so
 *       every send form, every {@code Select} send arm and the reactive bridge drop alike.</li>
 *   <li>Waiting: {@code Blocking} is the one blocking recipe (backoff, deadline, interrupt,
 *       register, re-check, park) and the one park loop; {@code Waiter}s ({@code ParkingWaiter},
 *       {@code CallbackWaiter}, {@code SelectArm}) register in a {@code WaitQueue}: a
 *       {@code SyncWaker} ({@code Waker} behind a lock) or a timer's clock.</li>
 *   <li>Asynchronous operations: {@code ChannelFuture}'s no-loss protocol, implemented by
 *       {@code PollingFuture} (buffered flavors and timers) and {@code WaiterFuture} (the
 *       rendezvous hand-off).</li>
 *   <li>{@code Select} registers one {@code SelectArm} per operation, sharing one
 *       {@code Selection} word, through the roles' {@code registerSend}/{@code registerRecv}.</li>
 * </ul>
 *
 * <h2>Notes for maintainers</h2>
 * Shared fields are accessed through {@code VarHandle}s declared at the bottom of each class
 * under {@code // VarHandle mechanics}, named after the field in capitals. Fields are
 * {@code volatile} and read plainly as volatiles unless a weaker mode is spelled out:
 * {@code getAcquire}/{@code setRelease} for slot stamps and list slots (publication of a
 * message), {@code weakCompareAndSet} for index claims retried in a loop, and an explicit
 * {@code VarHandle.fullFence()} where crossbeam has {@code fence(SeqCst)} before a full/empty
 * check. A local copy of a field has the field's name. Ordering arguments are written where they
 * are used ({@code // Safe because: [1] ...}).
 *
 * <p>Messages are never {@code null}; flavors return {@code Signal} sentinels in their place, so
 * the buffered flavors' send and receive paths allocate nothing: {@code send}, {@code trySend},
 * {@code recv} and {@link dev.sluice.Receiver#poll()} in steady state (a blocked thread reuses its
 * cached waiter). {@code tryRecv}, the timed forms and the async operations return a result
 * object or a future per call.
 */
package dev.sluice;
