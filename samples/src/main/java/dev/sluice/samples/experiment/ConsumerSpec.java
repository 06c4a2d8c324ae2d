package dev.sluice.samples.experiment;

/**
 * One consumer configuration of a run.
 *
 * @param kind      a blocking thread or a Flux subscriber
 * @param request   for a Flux subscriber: the {@code n} of each {@code request(n)} (a new batch
 *                  is requested when the previous one has arrived and been served); 0 for a thread
 * @param publishOn for a Flux subscriber: insert {@code publishOn(single thread)} between the
 *                  source and the subscriber (its prefetch queue then holds messages too)
 */
public record ConsumerSpec(ConsumerKind kind, int request, boolean publishOn) {

    public ConsumerSpec {
        if (kind == ConsumerKind.THREAD && (request != 0 || publishOn)) {
            throw new IllegalArgumentException("a thread consumer has no request size and no publishOn");
        }
        if (kind == ConsumerKind.FLUX && request < 1) {
            throw new IllegalArgumentException("--request must be >= 1, was " + request);
        }
    }

    /** The blocking consumer thread. */
    public static ConsumerSpec thread() {
        return new ConsumerSpec(ConsumerKind.THREAD, 0, false);
    }

    /** A Flux subscriber requesting {@code request} at a time. */
    public static ConsumerSpec flux(int request, boolean publishOn) {
        return new ConsumerSpec(ConsumerKind.FLUX, request, publishOn);
    }

    /** {@code thread}, {@code flux(request 16)}, {@code flux(request 16, publishOn)}. */
    @Override
    public String toString() {
        return kind == ConsumerKind.THREAD ? "thread"
                : "flux(request " + request + (publishOn ? ", publishOn" : "") + ")";
    }
}
