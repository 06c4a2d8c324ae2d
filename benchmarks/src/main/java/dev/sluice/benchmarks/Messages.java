package dev.sluice.benchmarks;

/** Messages: the payloads the benchmarks send, allocated before measuring. */
final class Messages {
    private Messages() {
    }

    /** {@code Integer}s {@code 0 .. count-1}, each boxed once. */
    static Integer[] boxed(int count) {
        Integer[] messages = new Integer[count];
        for (int i = 0; i < count; i++) {
            messages[i] = i;
        }
        return messages;
    }
}
