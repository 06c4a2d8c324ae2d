package dev.sluice.flow;

/**
 * Fatal: which throwables an adapter must never absorb into a Reactive Streams signal.
 *
 * <p>Rule: the JVM's own failures ({@link VirtualMachineError}, {@link LinkageError}) propagate;
 * every other throwable a subscriber or a source throws becomes an {@code onError} or ends the
 * subscription (rule 2.13). The same split as Reactor's {@code Exceptions.throwIfJvmFatal} and
 * RxJava's {@code Exceptions.throwIfFatal}.
 */
final class Fatal {
    private Fatal() {
    }

    /** Rethrows {@code t} if the JVM itself is failing. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError e) {
            throw e;
        }
        if (t instanceof LinkageError e) {
            throw e;
        }
    }
}
