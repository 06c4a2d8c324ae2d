package dev.sluice.rsocket;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a connecting client presented: a bearer token in its RSocket {@code SETUP} frame (the
 * {@code message/x.rsocket.authentication.v0} metadata entry that {@link BearerToken} sends), if
 * any, and, on a TLS connection with a client certificate, the chain TLS verified.
 * {@link #toString()} never shows the token.
 */
public final class PresentedCredentials {
    private final @Nullable String bearerToken;
    private final List<X509Certificate> peerCertificates;

    PresentedCredentials(@Nullable String bearerToken, Certificate @Nullable [] peer) {
        this.bearerToken = bearerToken;
        this.peerCertificates = peer == null ? List.of() : Arrays.stream(peer)
                .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
    }

    /** The bearer token, if the connection carried one. */
    public Optional<String> bearerToken() {
        return Optional.ofNullable(bearerToken);
    }

    /** The client's certificate chain, verified by TLS (empty without mutual TLS). */
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    @Override
    public String toString() {
        return "PresentedCredentials{bearerToken=" + (bearerToken == null ? "none" : "(hidden)")
                + ", peerCertificates=" + peerCertificates.size() + "}";
    }
}
