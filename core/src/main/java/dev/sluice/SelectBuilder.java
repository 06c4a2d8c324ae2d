package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * SelectBuilder: the fluent form of {@link Select}, for everyday Java (crossbeam's {@code select!}).
 *
 * <pre>{@code
 * String what = Select.<Job, String>on(jobs, job -> "job " + job.id())
 *         .on(control, cmd -> "control " + cmd)
 *         .send(results, summary, () -> "sent")
 *         .timeout(Duration.ofSeconds(1), () -> "idle")
 *         .select();
 * }</pre>
 *
 * <p>How it maps to crossbeam's macro:
 * <table>
 *   <caption>select! arms</caption>
 *   <tr><th>{@code select!}</th><th>SelectBuilder</th></tr>
 *   <tr><td>{@code recv(r) -> msg => body} with {@code msg: Result<T, RecvError>}</td>
 *       <td>{@code on(r, v -> body, () -> onDisconnected)}; the two-argument {@code on(r, v -> body)}
 *       throws {@link DisconnectedException} when that arm finds its channel disconnected</td></tr>
 *   <tr><td>{@code send(s, msg) -> res => body}</td>
 *       <td>{@code send(s, msg, () -> body)}; a disconnected send throws {@link SendDisconnectedException}
 *       carrying the message, or use {@code send(s, msg, () -> body, undelivered -> ...)}</td></tr>
 *   <tr><td>{@code default => body}</td><td>{@code otherwise(() -> body)}: never blocks</td></tr>
 *   <tr><td>{@code default(timeout) => body}</td><td>{@code timeout(d, () -> body)} or {@code deadline(i, () -> body)}</td></tr>
 *   <tr><td>{@code recv(never()) -> _ => ...} (disabled arm)</td><td>{@code on(Channel.never(), ...)}</td></tr>
 * </table>
 * The guarantees are {@link Select}'s: exactly one arm runs; fair among ready arms unless
 * {@link #biased()}. The handler runs on the calling thread after the operation completed, outside
 * any channel lock. A builder may be reused for many selects (its operations stay registered).
 *
 * @param <R> the result of every arm
 */
public final class SelectBuilder<R> {
    private Select select = new Select();
    private final ArrayList<Function<Selected, ? extends R>> handlers = new ArrayList<>();
    private final ArrayList<Object> handles = new ArrayList<>();
    private final ArrayList<Object> messages = new ArrayList<>();
    private Supplier<? extends R> otherwise;
    private Duration timeout;
    private Instant deadline;
    private Supplier<? extends R> onTimeout;

    SelectBuilder() {
    }

    /** A receive arm; a disconnected channel makes {@link #select()} throw {@link DisconnectedException}. */
    public <T> SelectBuilder<R> on(Receiver<T> receiver, Function<? super T, ? extends R> onValue) {
        Objects.requireNonNull(onValue, "onValue");
        return add(receiver, null, select.recv(receiver), s -> onValue.apply(s.<T>value()));
    }

    /** A receive arm with a disconnection handler (crossbeam's {@code Err(RecvError)} branch). */
    public <T> SelectBuilder<R> on(Receiver<T> receiver, Function<? super T, ? extends R> onValue,
            Supplier<? extends R> onDisconnected) {
        Objects.requireNonNull(onValue, "onValue");
        Objects.requireNonNull(onDisconnected, "onDisconnected");
        return add(receiver, null, select.recv(receiver),
                s -> s.isDisconnected() ? onDisconnected.get() : onValue.apply(s.<T>value()));
    }

    /** A send arm; a disconnected channel makes {@link #select()} throw {@link SendDisconnectedException}. */
    public <T> SelectBuilder<R> send(Sender<T> sender, T msg, Supplier<? extends R> onSent) {
        Objects.requireNonNull(onSent, "onSent");
        return add(sender, msg, select.send(sender, msg), s -> {
            if (s.isDisconnected()) {
                throw new SendDisconnectedException(s.undelivered(), null);
            }
            return onSent.get();
        });
    }

    /** A send arm with a disconnection handler that gets the undelivered message back. */
    public <T> SelectBuilder<R> send(Sender<T> sender, T msg, Supplier<? extends R> onSent,
            Function<? super T, ? extends R> onDisconnected) {
        Objects.requireNonNull(onSent, "onSent");
        Objects.requireNonNull(onDisconnected, "onDisconnected");
        return add(sender, msg, select.send(sender, msg),
                s -> s.isDisconnected() ? onDisconnected.apply(s.<T>undelivered()) : onSent.get());
    }

    /** crossbeam's {@code default(timeout)}: if nothing completes within {@code timeout}, run {@code onTimeout}. */
    public SelectBuilder<R> timeout(Duration timeout, Supplier<? extends R> onTimeout) {
        requireNoFallback();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
        return this;
    }

    /** As {@link #timeout}, at an instant. */
    public SelectBuilder<R> deadline(Instant deadline, Supplier<? extends R> onTimeout) {
        requireNoFallback();
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
        return this;
    }

    /** crossbeam's {@code default}: if no arm is ready right now, run {@code otherwise} (never blocks). */
    public SelectBuilder<R> otherwise(Supplier<? extends R> otherwise) {
        requireNoFallback();
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
        return this;
    }

    /** Chooses the first ready arm in the order added instead of a random one. */
    public SelectBuilder<R> biased() {
        Select b = Select.biased();
        for (int i = 0; i < handles.size(); i++) {
            Object h = handles.get(i);
            if (h instanceof Receiver) {
                b.recv((Receiver<?>) h);
            } else {
                addSend(b, (Sender<?>) h, messages.get(i));
            }
        }
        select = b;
        return this;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addSend(Select s, Sender<T> sender, Object msg) {
        s.send(sender, (T) msg);
    }

    /**
     * Waits for one arm (or the timeout), runs its handler and returns its result.
     *
     * @throws InterruptedException if interrupted before any arm completed
     */
    public R select() throws InterruptedException {
        Selected s;
        if (otherwise != null) {
            s = select.trySelect();
            if (s == null) {
                return otherwise.get();
            }
        } else if (timeout != null || deadline != null) {
            s = timeout != null ? select.select(timeout) : select.selectDeadline(deadline);
            if (s == null) {
                return onTimeout.get();
            }
        } else {
            s = select.select();
        }
        return handlers.get(s.index()).apply(s);
    }

    private SelectBuilder<R> add(Object handle, Object msg, int index,
            Function<Selected, ? extends R> handler) {
        handlers.add(handler);
        handles.add(handle);
        messages.add(msg);
        assert index == handlers.size() - 1;
        return this;
    }

    private void requireNoFallback() {
        if (otherwise != null || onTimeout != null) {
            throw new IllegalStateException("a select has at most one default or timeout arm");
        }
    }
}
