/**
 * The Sluice Spring Boot starter has no code of its own: adding {@code sluice-spring-boot-starter}
 * to a Spring Boot 4.0 or 3.5 application brings sluice-core, sluice-reactor, sluice-micrometer
 * and their auto-configuration, {@link dev.sluice.spring.autoconfigure.SluiceAutoConfiguration}.
 */
package dev.sluice.spring.starter;
