package dev.sluice.rsocket;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a connecting client presented in its RSocket {@code SETUP} frame: a bearer token (the
 * {@code message/x.rsocket.authentication.v0} metadata entry that {@link BearerToken} sends), if
 * any. {@link #toString()} never shows the token.
 */
public final class PresentedCredentials {
    private final @Nullable String bearerToken;

    PresentedCredentials(@Nullable String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /** The bearer token, if the connection carried one. */
    public Optional<String> bearerToken() {
        return Optional.ofNullable(bearerToken);
    }

    @Override
    public String toString() {
        return "PresentedCredentials{bearerToken=" + (bearerToken == null ? "none" : "(hidden)") + "}";
    }
}
