package dev.sluice.spring.autoconfigure;

import dev.sluice.Channel;
import dev.sluice.Sender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SluiceChannels: the application's named, managed channels. The auto-configuration adopts every
 * {@link Channel} bean under its bean name, and code creates channels at run time with
 * {@link #bounded(String, int)}, {@link #unbounded(String)}, {@link #rendezvous(String)} or
 * {@link #register(String, Channel)}. A managed channel gets the {@code sluice.channel.*}
 * meters (tag {@code name}), a place in the {@code sluice} health contributor, and is closed for
 * sending when the application shuts down.
 *
 * <pre>{@code
 * Channel<Order> orders = channels.bounded("orders-" + id, 256);   // meters tagged name=orders-42
 * ...
 * channels.remove("orders-" + id);                                 // meters gone
 * }</pre>
 *
 * <p><b>Algorithm.</b> A map from name to channel and a list of {@link Listener}s (the meter
 * binder, the health tracker). Every change of the map and the listener calls it makes happen
 * under one lock, so each listener sees, per name, {@code added} and {@code removed}
 * alternating, in the order of the changes; a listener added late is first told of every channel
 * already managed. {@link #closeAll()} (the shutdown) marks the registry closing and then closes
 * each channel once; a channel registered after that is closed as it is registered, so no
 * producer starts waiting on a channel that nobody will drain any more.
 *
 * <p><b>Invariants.</b> A name maps to at most one channel. A channel is closed by this class at
 * most once, by {@link Sender#closeChannel()} on a clone of its first sender handle (which stays
 * open, so that a producer blocked on it sees a disconnection, not its handle closed): receivers get the
 * buffered messages and then the end of the stream, blocked and later senders get
 * {@link dev.sluice.SendDisconnectedException}. A channel whose first sender handle the
 * application has already closed is left to the handles it gave out.
 */
public class SluiceChannels implements AutoCloseable {

    /** Told of each channel that becomes managed and of each that stops being managed. */
    public interface Listener {
        /** {@code channel} is managed under {@code name} from now on. */
        void added(String name, Channel<?> channel);

        /** {@code channel}, managed under {@code name}, is not any more. */
        void removed(String name, Channel<?> channel);
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@code lock}; insertion order, for stable reports. */
    private final Map<String, Channel<?>> channels = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Channels this registry already closed (identity), guarded by {@code lock}. */
    private final Map<Channel<?>, Boolean> closedHere = new IdentityHashMap<>();
    private volatile boolean closing;

    /** An empty registry. */
    public SluiceChannels() {
    }

    /** A new managed {@code Channel.bounded(capacity)} named {@code name}. */
    public <T> Channel<T> bounded(String name, int capacity) {
        return register(name, Channel.bounded(capacity));
    }

    /** A new managed {@code Channel.unbounded()} named {@code name}. */
    public <T> Channel<T> unbounded(String name) {
        return register(name, Channel.unbounded());
    }

    /** A new managed {@code Channel.rendezvous()} named {@code name}. */
    public <T> Channel<T> rendezvous(String name) {
        return register(name, Channel.rendezvous());
    }

    /**
     * Manages {@code channel} (built elsewhere, for example with {@code Channel.builder()}) under
     * {@code name}, and returns it.
     *
     * @throws IllegalArgumentException if the name is blank or another channel has it
     */
    public <T> Channel<T> register(String name, Channel<T> channel) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a managed channel needs a name, was blank");
        }
        lock.lock();
        try {
            Channel<?> present = channels.get(name);
            if (present == channel) {
                return channel;
            }
            if (present != null) {
                throw new IllegalArgumentException("a channel named '" + name + "' is already managed: " + present);
            }
            channels.put(name, channel);
            for (Listener listener : listeners) {
                listener.added(name, channel);
            }
        } finally {
            lock.unlock();
        }
        if (closing) {
            closeChannel(channel);
        }
        return channel;
    }

    /** The channel managed under {@code name}, if any. */
    public Optional<Channel<?>> get(String name) {
        lock.lock();
        try {
            return Optional.ofNullable(channels.get(name));
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the managed channels by name, in the order they were registered. */
    public Map<String, Channel<?>> channels() {
        lock.lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops managing the channel named {@code name} (its meters and health entry go) without
     * closing it; returns it, or empty if no channel has that name.
     */
    public Optional<Channel<?>> remove(String name) {
        lock.lock();
        try {
            Channel<?> removed = channels.remove(name);
            if (removed != null) {
                closedHere.remove(removed);
                for (Listener listener : listeners) {
                    listener.removed(name, removed);
                }
            }
            return Optional.ofNullable(removed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code listener} and tells it at once of every channel managed now. A listener must
     * be quick and must not block: it runs under this registry's lock.
     */
    public void addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            listeners.add(listener);
            channels.forEach(listener::added);
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code listener}; it is told nothing more (and nothing of the channels it knew). */
    public void removeListener(Listener listener) {
        lock.lock();
        try {
            listeners.remove(listener);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every managed channel for sending, now and from now on (channels registered later
     * are closed as they are registered). They stay managed, so the health contributor shows
     * them as disconnected. Called when the application context stops.
     */
    public void closeAll() {
        closing = true;
        for (Channel<?> channel : channels().values()) {
            closeChannel(channel);
        }
    }

    /** {@code true} once {@link #closeAll()} or {@link #close()} ran. */
    public boolean isClosing() {
        return closing;
    }

    /** Closes every managed channel ({@link #closeAll()}) and stops managing them all. */
    @Override
    public void close() {
        closeAll();
        for (String name : new ArrayList<>(channels().keySet())) {
            remove(name);
        }
    }

    /** Closes {@code channel} for sending, once, unless its first sender handle is already closed. */
    private void closeChannel(Channel<?> channel) {
        Sender<?> sender = channel.sender();
        lock.lock();
        try {
            if (closedHere.put(channel, Boolean.TRUE) != null || sender.isClosed()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        // Through a clone: closeChannel also closes the handle it is called on, and a producer
        // blocked on the first handle itself must see the disconnection, not its handle closed
        // under it. Outside the lock: closing runs the channel's watches (a stream completing).
        try {
            sender.clone().closeChannel();
        } catch (IllegalStateException handleClosedMeanwhile) {
            // The application closed that handle just now: the handles it gave out decide.
        }
    }
}
