package dev.sluice.rsocket;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an authenticated caller may do: checked for every stream, after the
 * {@link Authenticator} and before the route is looked up or any message moves, per route and
 * {@link Direction}. A refused stream is a {@link RemoteAccessException} on the client.
 * <pre>{@code
 * Authorizer access = Authorizer.rules()
 *         .allow("worker-1", Direction.RECEIVE, "jobs")       // may take jobs ...
 *         .allow("worker-1", Direction.SEND, "results")       // ... and report results,
 *         .build();                                           // but not send to "jobs"
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {

    /** {@code true} if {@code principal} may use {@code route} in {@code direction}. */
    boolean allows(String principal, String route, Direction direction);

    /** Every authenticated caller may use every route in both directions. */
    static Authorizer allowAll() {
        return (principal, route, direction) -> true;
    }

    /** A builder of a fixed list of grants; anything not granted is refused. */
    static Rules rules() {
        return new Rules();
    }

    /** Fixed grants: (principal, direction, route) triples. */
    final class Rules {
        private final Set<String> grants = new HashSet<>();

        private Rules() {
        }

        /** Lets {@code principal} use each of {@code routes} in {@code direction}. */
        public Rules allow(String principal, Direction direction, String... routes) {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(direction, "direction");
            for (String route : routes) {
                Objects.requireNonNull(route, "route");
                if (route.isEmpty()) {
                    throw new IllegalArgumentException("route must not be empty");
                }
                grants.add(key(principal, direction, route));
            }
            return this;
        }

        /** The authorizer of these grants. */
        public Authorizer build() {
            Set<String> copy = Set.copyOf(grants);
            return (principal, route, direction) -> copy.contains(key(principal, direction, route));
        }

        private static String key(String principal, Direction direction, String route) {
            return direction + "\u0000" + route + "\u0000" + principal;
        }
    }
}
