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
