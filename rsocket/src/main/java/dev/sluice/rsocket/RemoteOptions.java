package dev.sluice.rsocket;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings of remote handles.
 * @param connectTimeout how long a factory waits for the TCP connection and RSocket setup
 * @param keepAliveInterval how often the client sends an RSocket KEEPALIVE
 * @param keepAliveMaxLifetime how long without any frame from the server before the connection is
 *     declared lost (a silent network failure: a crashed server process or a closed port is seen at once,
 *     from the TCP reset)
 */
public record RemoteOptions(Duration connectTimeout, Duration keepAliveInterval, Duration keepAliveMaxLifetime) {

    /** 10 s to connect, a keepalive every 2 s, lost after 10 s of silence. */
    public static RemoteOptions defaults() {
        return new RemoteOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public RemoteOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(keepAliveMaxLifetime, "keepAliveMaxLifetime");
    }
}
