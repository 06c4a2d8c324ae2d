package dev.sluice;

/**
 * ForgetChannels: a reproduction, as a program for a forked JVM with a small heap.
 * Creates 10⁶ channels of one flavor, puts a message in the buffered ones, and drops every handle
 * unclosed. The Cleaner must keep up without retaining the channels' internals: exits 0 unless
 * it dies of {@code OutOfMemoryError}. Args: flavor name, count.
 */
public final class ForgetChannels {
    public static void main(String[] args) {
        TestFlavor flavor = TestFlavor.valueOf(args[0]);
        int count = Integer.parseInt(args[1]);
        long checksum = 0;
        for (int i = 0; i < count; i++) {
            Channel<Integer> ch = flavor.create();
            if (flavor.buffers()) {
                ch.sender().trySend(i);
            }
            checksum += ch.receiver().len();
        }
        System.out.println("ok " + flavor + ": " + count + " channels forgotten, checksum " + checksum);
        System.exit(0);
    }
}
