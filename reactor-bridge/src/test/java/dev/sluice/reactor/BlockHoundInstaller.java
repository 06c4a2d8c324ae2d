package dev.sluice.reactor;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound before any test of this module runs, Jupiter and TCK (TestNG engine) alike:
 * from then on a blocking call on a Reactor non-blocking thread throws
 * {@code BlockingOperationError}. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; BlockHound loads
 * Reactor's integration and {@link SluiceBlockHoundIntegration} through its own ServiceLoader.
 * {@code BlockHoundTest} proves it is active.
 */
public final class BlockHoundInstaller implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        BlockHound.install();
    }
}
