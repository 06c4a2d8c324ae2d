package dev.sluice;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * LincheckSupport: the sizes every {@code *LincheckTest} runs with, and a Java-friendly way to
 * write a fixed Lincheck scenario.
 *
 * <p>Lincheck explores {@code iterations} random scenarios (operations spread over threads, with
 * an init and a post part), and runs each one {@code invocationsPerIteration} times: under the
 * model checker each invocation is a different thread interleaving (bounded context switches),
 * under the stress strategy a real concurrent run. The quick sizes are small on purpose;
 * {@code -Dstress=long} (or {@code -Pstress}) multiplies them for a soak:
 * <pre>
 *   ./mvnw -B -pl core test -Dtest='*LincheckTest'             # quick
 *   ./mvnw -B -pl core test -Pstress -Dtest='*LincheckTest'    # long
 * </pre>
 *
 * <p>Lincheck generates scenarios from a fixed seed, so a quick run checks the same few scenarios
 * every time (the model checker is deterministic too); the long run explores many more. The
 * quick Lincheck set costs about 75 s of CPU (about a minute on an idle two-core machine, two
 * minutes on a heavily shared one), most of it in the model checker and in Lincheck's start-up.
 *
 * <p>Lincheck 3.7 instruments the code under test through a Java agent that it attaches to the
 * running JVM; the surefire {@code argLine} of this module opens the JDK packages it needs and
 * allows dynamic agent loading. It runs on JDK 17 and JDK 25 (checked with Temurin 25.0.3).
 */
final class LincheckSupport {
    /** {@code true} when the build asked for long soaks ({@code -Dstress=long}). */
    static final boolean LONG = "long".equalsIgnoreCase(System.getProperty("stress", "quick"));

    private LincheckSupport() {
    }

    /**
     * Model checking of two threads with three operations each, plus two before and two after:
     * enough to reach "full", wrap-around and disconnection from both sides.
     */
    static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(LONG ? 100 : 6)
                .invocationsPerIteration(LONG ? 5_000 : 80)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    /** Real concurrent runs of three threads; many more invocations, each is cheap. */
    static StressOptions stress() {
        return new StressOptions()
                .iterations(LONG ? 200 : 6)
                .invocationsPerIteration(LONG ? 10_000 : 500)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    /**
     * A fixed scenario: {@code init} runs first on one thread, then each array of
     * {@code parallel} on its own thread, then {@code post}. Each call is
     * {@link #call(Class, String, Object...)}.
     */
    static ExecutionScenario scenario(List<Actor> init, List<List<Actor>> parallel, List<Actor> post) {
        return new ExecutionScenario(init, parallel, post, null);
    }

    /** One call of the {@code @Operation} method {@code name} of {@code testClass}. */
    static Actor call(Class<?> testClass, String name, Object... args) {
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    return new Actor(m, new ArrayList<>(Arrays.asList(args)), false, false, false, false, false);
                }
            }
        }
        throw new IllegalArgumentException("no operation " + name + "/" + args.length + " in " + testClass);
    }
}
