package dev.sluice.reactor;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.test.util.LoggerUtils;

/**
 * Makes Reactor's loggers capturable before any test runs: Reactor classes take their logger once,
 * in a static initializer, so the capturing factory must be in place before the first of them is
 * initialized. Until a test calls {@code LoggerUtils.enableCaptureWith}, every logger logs as
 * before. Registered (before {@link BlockHoundInstaller}) through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; used by
 * {@code BridgeLogsStayCleanTest}, which also proves that the capture is active.
 */
public final class LogCaptureInstaller implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        LoggerUtils.useCurrentLoggersWithCapture();
    }
}
