/**
 * Micrometer meters for Sluice channels: {@link dev.sluice.micrometer.SluiceMetrics}.
 */
package dev.sluice.micrometer;
