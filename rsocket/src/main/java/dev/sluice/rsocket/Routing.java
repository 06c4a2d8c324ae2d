package dev.sluice.rsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.Payload;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.DefaultPayload;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Routing: the route of a stream travels in the first payload as RSocket composite metadata with
 * one {@code message/x.rsocket.routing.v0} entry, the same encoding Spring's
 * {@code @MessageMapping} uses, so a Spring RSocket client or server can talk to ours.
 */
final class Routing {
    static final String METADATA_MIME_TYPE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();
    private static final String ROUTING_MIME_TYPE = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();

    private Routing() {
    }

    /** The composite metadata naming {@code route}, as bytes. */
    static byte[] metadata(String route) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route));
        CompositeByteBuf composite = alloc.compositeBuffer();
        try {
            CompositeMetadataCodec.encodeAndAddMetadata(composite, alloc,
                    WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing.getContent());
            return ByteBufUtil.getBytes(composite);
        } finally {
            composite.release();                 // also releases the routing content it holds
        }
    }

    /** A payload with {@code data} and the metadata naming {@code route}. */
    static Payload payload(byte[] data, String route) {
        return DefaultPayload.create(data, metadata(route));
    }

    /** The route named by the payload's metadata, or {@code null} if it names none. */
    static @Nullable String routeOf(Payload payload) {
        if (!payload.hasMetadata()) {
            return null;
        }
        ByteBuf metadata = payload.sliceMetadata();
        if (!metadata.isReadable()) {
            return null;
        }
        for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
            if (ROUTING_MIME_TYPE.equals(entry.getMimeType())) {
                for (String tag : new RoutingMetadata(entry.getContent())) {
                    return tag;
                }
            }
        }
        return null;
    }
}
