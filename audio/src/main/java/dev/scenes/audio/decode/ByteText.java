package dev.scenes.audio.decode;

/** Renders raw header bytes (magic numbers, chunk ids) readably inside one-line error messages. */
final class ByteText {

    private ByteText() {}

    /**
     * Quotes {@code length} bytes from {@code offset}, printable ASCII as is and anything else as
     * {@code \xNN}, e.g. {@code 'ID3\x04'}.
     */
    static String quote(byte[] bytes, int offset, int length) {
        StringBuilder text = new StringBuilder("'");
        int end = Math.min(bytes.length, offset + length);
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.append('\'').toString();
    }

    /** Whether {@code bytes} starts with the ASCII text {@code magic}. */
    static boolean startsWith(byte[] bytes, int offset, String magic) {
        if (bytes.length < offset + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (bytes[offset + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
