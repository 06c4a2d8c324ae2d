package dev.sluice.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * The door of a channel service: authenticates and authorizes each call before its handler
 * starts, so a refused call never reaches a route and not a single message moves (no credit is
 * granted, none is accepted).
 * <p>Order: the method gives the {@link Direction}; the {@code sluice-route} header the route;
 * the {@link Authenticator} the principal (none: {@code UNAUTHENTICATED}); the {@link Authorizer}
 * the verdict (no: {@code PERMISSION_DENIED}). Only then is the route looked up, so a stranger
 * learns nothing about which routes exist. Refusals name the route and direction, never the
 * presented credentials.
 */
final class AccessInterceptor implements ServerInterceptor {
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    AccessInterceptor(Authenticator authenticator, Authorizer authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Direction direction = Wire.direction(call.getMethodDescriptor().getFullMethodName());
        String route = headers.get(Wire.ROUTE);
        if (direction == null || route == null) {
            return refuse(call, Status.INVALID_ARGUMENT.withDescription("not a sluice channel stream (no route)"));
        }
        String principal;
        try {
            principal = authenticator.authenticate(new PresentedCredentials(bearer(headers), peer(call)));
        } catch (RuntimeException e) {
            principal = null;    // a failing hook refuses; its exception might quote the credentials
        }
        if (principal == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(
                    "no valid credentials to " + verb(direction) + " route '" + route + "'"));
        }
        if (!authorizer.allows(principal, route, direction)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    "'" + principal + "' may not " + verb(direction) + " route '" + route + "'"));
        }
        return next.startCall(call, headers);
    }

    private static String verb(Direction direction) {
        return direction == Direction.RECEIVE ? "receive from" : "send to";
    }

    private static @Nullable String bearer(Metadata headers) {
        String value = headers.get(BearerToken.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, BearerToken.PREFIX, 0, BearerToken.PREFIX.length())) {
            return null;
        }
        return value.substring(BearerToken.PREFIX.length()).trim();
    }

    private static Certificate @Nullable [] peer(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return null;
        }
        try {
            return session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() { };
    }
}
