/**
 * Spring Boot auto-configuration for Sluice channels (Spring Boot 4.0 and 3.5): every
 * {@link dev.sluice.Channel} bean and every channel of
 * {@link dev.sluice.spring.autoconfigure.SluiceChannels} gets the {@code sluice.channel.*}
 * meters and a place in the {@code sluice} health contributor, and is closed for sending when the
 * application shuts down; Reactor's non-blocking threads get the blocking guard. Settings:
 * {@link dev.sluice.spring.autoconfigure.SluiceProperties sluice.*}. Bring it in with
 * {@code sluice-spring-boot-starter}.
 */
package dev.sluice.spring.autoconfigure;
