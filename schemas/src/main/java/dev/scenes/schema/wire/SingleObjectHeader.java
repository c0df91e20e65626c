package dev.scenes.schema.wire;

import java.util.HexFormat;

/**
 * The 10-byte header of the Avro single-object encoding: marker {@code C3 01}, then the CRC-64-AVRO
 * fingerprint of the writer schema's parsing canonical form, little-endian.
 */
final class SingleObjectHeader {

    static final int LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEX_PREVIEW_BYTES = 16;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private SingleObjectHeader() {}

    static byte[] of(long fingerprint) {
        byte[] header = new byte[LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < Long.BYTES; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** True when {@code bytes} starts with the marker; says nothing about the length. */
    static boolean hasMarker(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == MARKER_0 && bytes[1] == MARKER_1;
    }

    /** Reads the fingerprint of a header that is known to be complete. */
    static long fingerprint(byte[] bytes) {
        long fingerprint = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            fingerprint = (fingerprint << 8) | (bytes[2 + i] & 0xFF);
        }
        return fingerprint;
    }

    /** Formats a fingerprint the way Java's {@code long} value reads, e.g. {@code 0x6f5a...}. */
    static String format(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    /** The first bytes in hex, for messages about input that is not what it should be. */
    static String preview(byte[] bytes) {
        int shown = Math.min(bytes.length, HEX_PREVIEW_BYTES);
        String hex = HEX.formatHex(bytes, 0, shown);
        return shown < bytes.length ? hex + " ..." : hex;
    }
}
