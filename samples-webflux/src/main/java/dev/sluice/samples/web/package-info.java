/**
 * Sluice with Spring WebFlux: the article's Axum example ({@link dev.sluice.samples.web.A10_FromAxumHandler})
 * and the live backpressure demo ({@link dev.sluice.samples.web.LiveDemoApp}), in which plain
 * blocking producer threads feed a bounded channel that the Reactor bridge streams to a browser
 * as Server-Sent Events.
 *
 * <p>Both applications live in this package without component scanning: each registers its own
 * beans, so neither picks up the other's. The demo's parts, one per file:
 * {@code LegacyProducer} (a blocking producer thread and its state), {@code ProducerGroup} (one
 * stream's channel and producers), {@code ReadingStreams} (the per-subscriber SSE pipeline),
 * {@code DemoSettings} ({@code sluice.demo.*}), and the JSON payloads {@code ReadingEvent} and
 * {@code StreamStatus}. The page is {@code src/main/resources/live-demo/}.
 */
@NullMarked
package dev.sluice.samples.web;

import org.jspecify.annotations.NullMarked;
