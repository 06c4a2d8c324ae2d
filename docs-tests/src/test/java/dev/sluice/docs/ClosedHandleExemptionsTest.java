package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README names the calls that stay legal on a closed handle (the snapshot reads metrics need);
 * each one it names really works on a closed Sender and Receiver, and the README's rule holds for
 * a call it does not name.
 */
class ClosedHandleExemptionsTest {
    private static final Pattern CALL = Pattern.compile("`(\\w+)\\((\\.\\.)?\\)`");

    @Test
    @DisplayName("every call the README exempts on a closed handle works on closed handles")
    void readme_exemptions_hold_on_closed_handles() throws Exception {
        String readme = Repo.read(Repo.file("README.md"));
        int at = readme.indexOf("except the snapshot reads");
        assertTrue(at >= 0, "README must say which calls are exempt on a closed handle ('except the snapshot reads')");
        int end = readme.indexOf("\n- ", at);
        String list = readme.substring(at, end < 0 ? readme.length() : end);
        Matcher m = CALL.matcher(list);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertTrue(names.containsAll(List.of("len", "stats", "capacity", "isDisconnected")), names.toString());

        Channel<Integer> ch = Channel.bounded(2);
        Sender<Integer> tx = ch.sender().clone();
        Receiver<Integer> rx = ch.receiver().clone();
        tx.close();
        rx.close();
        for (String name : names) {
            boolean found = invokeIfPresent(tx, name, rx) | invokeIfPresent(rx, name, tx);
            assertTrue(found, "README names " + name + "(), which neither Sender nor Receiver has");
        }
        assertFalse(names.contains("trySend") || names.contains("poll"), "sending and receiving are not exempt");
        try {
            rx.poll();
            fail("poll() on a closed Receiver must throw IllegalStateException, as the README says");
        } catch (IllegalStateException expected) {
            // the rule for calls that are not exempt
        }
    }

    /** Calls {@code name} on {@code handle} (with {@code other} for a one-argument sameChannel). */
    private static boolean invokeIfPresent(Object handle, String name, Object other) throws Exception {
        for (Method method : handle.getClass().getMethods()) {
            if (!method.getName().equals(name) || method.getDeclaringClass() == Object.class && !name.equals("toString")) {
                continue;
            }
            Object[] args;
            if (method.getParameterCount() == 0) {
                args = new Object[0];
            } else if (method.getParameterCount() == 1 && method.getParameterTypes()[0].isInstance(other)) {
                args = new Object[] {other};
            } else {
                continue;
            }
            try {
                method.invoke(handle, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(handle.getClass().getSimpleName() + "." + name
                        + " on a closed handle threw, but the README exempts it", e.getCause());
            }
            return true;
        }
        return false;
    }
}
