package dev.sluice.rsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.rsocket.it.JvmProcess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Credentials stay out of the logs even at DEBUG: a separate JVM ({@link CredentialLogProcess})
 * logs every library at DEBUG (slf4j-simple is configured once per JVM, so this cannot be done in
 * the test JVM, which logs errors only) while refused and accepted clients run; no line of its
 * output, stack traces included, holds a token.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AccessLogTest {

    @Test
    @DisplayName("at DEBUG, no log line or stack trace of a server and its refused and accepted clients holds a token, and none is a WARN or ERROR")
    void tokens_never_reach_debug_logs() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String wrong = "bad-" + UUID.randomUUID();
        try (JvmProcess p = JvmProcess.start("log", CredentialLogProcess.class, token, wrong)) {
            List<String> lines = p.linesUntil("DONE", Duration.ofSeconds(60));
            String all = String.join("\n", lines);
            assertTrue(all.contains("DEBUG"), "the child logged at DEBUG");
            assertTrue(all.contains("RECEIVED job"), "the accepted client received");
            assertFalse(all.contains("UNEXPECTED"), all);
            assertEquals(5, lines.stream().filter(l -> l.startsWith("dev.sluice.rsocket.")
                    && l.contains("Exception: route")).count(), "five refusals printed");
            assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("ERROR ") || l.startsWith("WARN ")).toList(),
                    "refusals are the clients' errors, not log noise on the server");
            assertFalse(all.contains(token), "the accepted token leaked");
            assertFalse(all.contains(wrong), "the wrong token leaked");
        }
    }
}
