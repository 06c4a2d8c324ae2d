package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The bridge accepts exactly the capacities core accepts, plus Integer.MAX_VALUE for unbounded. */
class CapacityTest {

    @Test
    void a_bounded_capacity_above_core_MAX_CAPACITY_is_refused_by_the_bridge_as_by_core() {
        int tooBig = Channel.MAX_CAPACITY + 1;
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(tooBig));
        IllegalArgumentException sink = assertThrows(IllegalArgumentException.class, () -> ChannelSinks.many(tooBig));
        assertTrue(sink.getMessage().contains("MAX_CAPACITY"), sink.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChannelFlux.toReceiver(Flux.just(1), tooBig));
        assertThrows(IllegalArgumentException.class, () -> ChannelSinks.many(Integer.MAX_VALUE - 1));
    }

    @Test
    void MAX_CAPACITY_itself_is_a_bounded_channel_and_Integer_MAX_VALUE_is_unbounded() {
        assertEquals(Channel.MAX_CAPACITY, Demand.checkCapacity(Channel.MAX_CAPACITY));
        try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.just(1, 2), Integer.MAX_VALUE)) {
            assertTrue(rx.capacity().isEmpty(), "Integer.MAX_VALUE means an unbounded channel");
        }
        assertTrue(ChannelSinks.many(Integer.MAX_VALUE).toString().contains("unbounded"));
    }
}
