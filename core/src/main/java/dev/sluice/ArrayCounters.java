package dev.sluice;

/**
 * ArrayCounters: ArrayFlavor's hot counters, each on cache lines of its own.
 *
 * <p>Implementation notes. Receivers write {@code head} on every receive and senders write
 * {@code tail} on every send; in one object those fields shared a cache line with each other and with
 * ArrayFlavor's read-only fields, so every claim invalidated the line the other side (and every
 * reader of the read-only fields) was using: false sharing. crossbeam-channel wraps each in
 * {@code CachePadded} (128 bytes on x86-64, where the adjacent-line prefetcher pulls lines in
 * pairs). Java has no control over field order within a class, but HotSpot lays out a superclass's
 * fields before its subclass's, so this chain of superclasses puts 128 bytes of padding before
 * the head side, between the sides, and after the tail side:
 * <pre>
 *   header | pad 128 | {@code head} | pad 128 | {@code tail} | pad 128 | ArrayFlavor's own (read-only) fields
 * </pre>
 * The padding fields are {@code byte}s, not {@code long}s: since JDK 15 HotSpot fills gaps in a
 * superclass's layout with a subclass's small fields, and bytes leave no gaps to fill (JCTools'
 * layout). The trailing pad also keeps {@code tail} off the line of the next
 * object in the heap (ArrayFlavor's SyncWakers are allocated right after it).
 *
 * <p>Kept because it measured as a gain: see docs/benchmarks.md (padding, before/after). The
 * fields are package-private so ArrayFlavor can use them and build its VarHandles on them.
 */
abstract class ArrayCounters extends ArrayCountersTailSide {
    byte t1000, t1001, t1002, t1003, t1004, t1005, t1006, t1007, t1008, t1009, t1010, t1011, t1012, t1013, t1014, t1015;
    byte t1016, t1017, t1018, t1019, t1020, t1021, t1022, t1023, t1024, t1025, t1026, t1027, t1028, t1029, t1030, t1031;
    byte t1032, t1033, t1034, t1035, t1036, t1037, t1038, t1039, t1040, t1041, t1042, t1043, t1044, t1045, t1046, t1047;
    byte t1048, t1049, t1050, t1051, t1052, t1053, t1054, t1055, t1056, t1057, t1058, t1059, t1060, t1061, t1062, t1063;
    byte t1064, t1065, t1066, t1067, t1068, t1069, t1070, t1071, t1072, t1073, t1074, t1075, t1076, t1077, t1078, t1079;
    byte t1080, t1081, t1082, t1083, t1084, t1085, t1086, t1087, t1088, t1089, t1090, t1091, t1092, t1093, t1094, t1095;
    byte t1096, t1097, t1098, t1099, t1100, t1101, t1102, t1103, t1104, t1105, t1106, t1107, t1108, t1109, t1110, t1111;
    byte t1112, t1113, t1114, t1115, t1116, t1117, t1118, t1119, t1120, t1121, t1122, t1123, t1124, t1125, t1126, t1127;
}

/** Padding before the head side (see {@link ArrayCounters}). */
abstract class ArrayCountersHeadPad {
    byte h0000, h0001, h0002, h0003, h0004, h0005, h0006, h0007, h0008, h0009, h0010, h0011, h0012, h0013, h0014, h0015;
    byte h0016, h0017, h0018, h0019, h0020, h0021, h0022, h0023, h0024, h0025, h0026, h0027, h0028, h0029, h0030, h0031;
    byte h0032, h0033, h0034, h0035, h0036, h0037, h0038, h0039, h0040, h0041, h0042, h0043, h0044, h0045, h0046, h0047;
    byte h0048, h0049, h0050, h0051, h0052, h0053, h0054, h0055, h0056, h0057, h0058, h0059, h0060, h0061, h0062, h0063;
    byte h0064, h0065, h0066, h0067, h0068, h0069, h0070, h0071, h0072, h0073, h0074, h0075, h0076, h0077, h0078, h0079;
    byte h0080, h0081, h0082, h0083, h0084, h0085, h0086, h0087, h0088, h0089, h0090, h0091, h0092, h0093, h0094, h0095;
    byte h0096, h0097, h0098, h0099, h0100, h0101, h0102, h0103, h0104, h0105, h0106, h0107, h0108, h0109, h0110, h0111;
    byte h0112, h0113, h0114, h0115, h0116, h0117, h0118, h0119, h0120, h0121, h0122, h0123, h0124, h0125, h0126, h0127;
}

/** The receivers' side: written by every receive. */
abstract class ArrayCountersHeadSide extends ArrayCountersHeadPad {
    /** Next position to receive from, {lap | index}. */
    volatile long head;
}

/** Padding between the receivers' and the senders' side. */
abstract class ArrayCountersMiddlePad extends ArrayCountersHeadSide {
    byte m0000, m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015;
    byte m0016, m0017, m0018, m0019, m0020, m0021, m0022, m0023, m0024, m0025, m0026, m0027, m0028, m0029, m0030, m0031;
    byte m0032, m0033, m0034, m0035, m0036, m0037, m0038, m0039, m0040, m0041, m0042, m0043, m0044, m0045, m0046, m0047;
    byte m0048, m0049, m0050, m0051, m0052, m0053, m0054, m0055, m0056, m0057, m0058, m0059, m0060, m0061, m0062, m0063;
    byte m0064, m0065, m0066, m0067, m0068, m0069, m0070, m0071, m0072, m0073, m0074, m0075, m0076, m0077, m0078, m0079;
    byte m0080, m0081, m0082, m0083, m0084, m0085, m0086, m0087, m0088, m0089, m0090, m0091, m0092, m0093, m0094, m0095;
    byte m0096, m0097, m0098, m0099, m0100, m0101, m0102, m0103, m0104, m0105, m0106, m0107, m0108, m0109, m0110, m0111;
    byte m0112, m0113, m0114, m0115, m0116, m0117, m0118, m0119, m0120, m0121, m0122, m0123, m0124, m0125, m0126, m0127;
}

/** The senders' side: written by every send. */
abstract class ArrayCountersTailSide extends ArrayCountersMiddlePad {
    /** Next position to send to, {lap | mark | index}; mark = disconnected. */
    volatile long tail;
}
