package dev.sluice.rsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.exceptions.CustomRSocketException;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.DefaultPayload;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The wire side of access control.
 * <ul>
 *   <li>Credentials travel once per connection, in the {@code SETUP} frame's composite metadata
 *   as a {@code message/x.rsocket.authentication.v0} bearer entry (RSocket's authentication
 *   extension, as Spring Security reads it). The server's {@code SocketAcceptor} authenticates
 *   them; a refusal is RSocket's {@code REJECTED_SETUP} error, then the connection closes.</li>
 *   <li>RSocket has no setup acknowledgement and a request-stream no response headers, so a
 *   client would learn of a refusal only from its first stream. A remote handle therefore asks
 *   first: a request-response whose metadata names the route and whose data names the
 *   {@link Direction}; the server answers empty if the connection's principal may use it, or with
 *   the {@link #ACCESS_DENIED} error. The streams themselves are authorized again, so a client
 *   that skips the question gains nothing.</li>
 * </ul>
 * Refusal messages name the route, the direction and the principal, never the credentials.
 */
final class Access {
    /** RSocket application-defined error code of an authorization refusal (custom range 0x301+). */
    static final int ACCESS_DENIED = 0x0000_0403;
    private static final String AUTH_MIME_TYPE = WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString();

    private Access() {
    }

    /** The SETUP payload of a connection presenting {@code token} (none: empty). */
    static Payload setupPayload(@Nullable BearerToken token) {
        if (token == null) {
            return DefaultPayload.create(new byte[0]);
        }
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        ByteBuf auth = AuthMetadataCodec.encodeBearerMetadata(alloc, token.token().toCharArray());
        CompositeByteBuf composite = alloc.compositeBuffer();
        try {
            CompositeMetadataCodec.encodeAndAddMetadata(composite, alloc,
                    WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, auth);
            return DefaultPayload.create(new byte[0], ByteBufUtil.getBytes(composite));
        } finally {
            composite.release();                 // also releases the auth entry it holds
        }
    }

    /** The bearer token of a SETUP payload, or {@code null}: none, or metadata that is not ours. */
    static @Nullable String bearerToken(ConnectionSetupPayload setup) {
        if (!setup.hasMetadata() || !Routing.METADATA_MIME_TYPE.equals(setup.metadataMimeType())) {
            return null;
        }
        ByteBuf metadata = setup.sliceMetadata();
        if (!metadata.isReadable()) {
            return null;
        }
        try {
            for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
                if (AUTH_MIME_TYPE.equals(entry.getMimeType())) {
                    ByteBuf content = entry.getContent();
                    if (AuthMetadataCodec.isWellKnownAuthType(content)
                            && AuthMetadataCodec.readWellKnownAuthType(content) == WellKnownAuthType.BEARER) {
                        return new String(AuthMetadataCodec.readBearerTokenAsCharArray(content));
                    }
                }
            }
        } catch (RuntimeException malformed) {
            return null;                         // unreadable metadata presents no credentials
        }
        return null;
    }

    /** The question a remote handle asks before opening its stream. */
    static Payload question(String route, Direction direction) {
        return DefaultPayload.create(direction.name().getBytes(StandardCharsets.US_ASCII), Routing.metadata(route));
    }

    /** The direction a question asks about, or {@code null}. */
    static @Nullable Direction directionOf(Payload question) {
        String name = question.getDataUtf8();
        for (Direction d : Direction.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The error that refuses {@code principal} the {@code route} in {@code direction}. */
    static CustomRSocketException denied(String principal, String route, Direction direction) {
        return new CustomRSocketException(ACCESS_DENIED, "'" + principal + "' may not " + direction.verb()
                + " route '" + route + "'; the server's Authorizer must grant it");
    }

    /** How a refused setup's message starts (a setup refused for another reason does not). */
    static final String UNAUTHENTICATED = "not authenticated: ";

    /** The message of a refused setup (no credentials or wrong ones). */
    static String unauthenticated(boolean presented) {
        return UNAUTHENTICATED + (presented ? "the credentials presented were not accepted (a wrong or revoked"
                + " bearer token)" : "the server requires credentials and none were presented"
                + " (RemoteOptions.withBearerToken, over RemoteOptions.withTls)");
    }
}
