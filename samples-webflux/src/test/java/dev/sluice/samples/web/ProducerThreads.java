package dev.sluice.samples.web;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/** Test helper: finds the live producer threads of a stream by name, and waits for them to end. */
final class ProducerThreads {
    private ProducerThreads() {
    }

    /** The live threads of stream {@code streamId}'s producers. */
    static List<Thread> of(long streamId) {
        String suffix = ProducerGroup.threadSuffix(streamId);
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ProducerGroup.THREAD_PREFIX) && t.getName().endsWith(suffix))
                .filter(Thread::isAlive)
                .toList();
    }

    /** Polls, for at most {@code timeout}, until stream {@code streamId} has no live producer thread. */
    static void awaitNone(long streamId, Duration timeout) {
        await("producer threads of stream " + streamId + " end")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> of(streamId).isEmpty());
    }
}
