package dev.scenes.audio.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Checks the page structure of a whole Ogg file before it is handed to the Vorbis decoder.
 *
 * <p>jorbis decodes a truncated or damaged file without complaint and returns whatever it got, so
 * this scanner is what turns a half-copied clip into an error: every page must start with the
 * capture pattern right where the previous one ended, its header, segment table and body must fit
 * in the file, its CRC must match, and the last page must carry the end-of-stream flag. It also
 * identifies the codec from the first packet, so that an Ogg Opus or FLAC file is named as such.
 */
final class OggPageScanner {

    /** What the scan learnt about a valid stream. */
    record Scan(int pages, long finalGranulePosition) {}

    private static final int HEADER_BYTES = 27;
    private static final int FLAG_END_OF_STREAM = 0x04;
    private static final int[] CRC_TABLE = crcTable();

    private OggPageScanner() {}

    static Scan scan(Path file, byte[] data) throws AudioDecodeException {
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int pages = 0;
        int position = 0;
        int lastPage = -1;
        long lastGranule = -1;
        int lastFlags = 0;
        while (position < data.length) {
            if (!ByteText.startsWith(data, position, "OggS")) {
                if (data.length - position < 4 && isPrefixOfCapture(data, position)) {
                    throw new AudioDecodeException(
                            file,
                            "truncated Ogg stream: page header at byte "
                                    + position
                                    + " is cut short after "
                                    + (data.length - position)
                                    + " bytes");
                }
                throw new AudioDecodeException(
                        file,
                        "corrupt Ogg stream: expected a page (capture pattern 'OggS') at byte "
                                + position
                                + ", found "
                                + ByteText.quote(data, position, 4));
            }
            if (data.length - position < HEADER_BYTES) {
                throw truncatedPage(file, position, HEADER_BYTES, data.length - position);
            }
            int version = data[position + 4] & 0xff;
            if (version != 0) {
                throw new AudioDecodeException(
                        file,
                        "corrupt Ogg stream: page at byte "
                                + position
                                + " has stream structure version "
                                + version
                                + "; expected 0");
            }
            int segments = data[position + 26] & 0xff;
            int headerBytes = HEADER_BYTES + segments;
            if (data.length - position < headerBytes) {
                throw truncatedPage(file, position, headerBytes, data.length - position);
            }
            int bodyBytes = 0;
            for (int s = 0; s < segments; s++) {
                bodyBytes += data[position + HEADER_BYTES + s] & 0xff;
            }
            int pageBytes = headerBytes + bodyBytes;
            if (data.length - position < pageBytes) {
                throw truncatedPage(file, position, pageBytes, data.length - position);
            }
            int storedCrc = le.getInt(position + 22);
            if (storedCrc != crc(data, position, pageBytes)) {
                throw new AudioDecodeException(
                        file,
                        "corrupt Ogg stream: page at byte " + position + " fails its CRC check");
            }
            if (pages == 0) {
                checkCodec(file, data, position + headerBytes, bodyBytes);
            }
            lastPage = position;
            lastFlags = data[position + 5] & 0xff;
            lastGranule = le.getLong(position + 6);
            pages++;
            position += pageBytes;
        }
        if ((lastFlags & FLAG_END_OF_STREAM) == 0) {
            throw new AudioDecodeException(
                    file,
                    "truncated Ogg stream: last page at byte "
                            + lastPage
                            + " has no end-of-stream flag");
        }
        return new Scan(pages, lastGranule);
    }

    /** Whether the file's last few bytes are the start of a capture pattern cut short. */
    private static boolean isPrefixOfCapture(byte[] data, int position) {
        for (int i = position; i < data.length; i++) {
            if (data[i] != (byte) "OggS".charAt(i - position)) {
                return false;
            }
        }
        return true;
    }

    private static AudioDecodeException truncatedPage(
            Path file, int position, int needed, int available) {
        return new AudioDecodeException(
                file,
                "truncated Ogg stream: page at byte "
                        + position
                        + " needs "
                        + needed
                        + " bytes, file has "
                        + available);
    }

    private static void checkCodec(Path file, byte[] data, int body, int length)
            throws AudioDecodeException {
        if (length >= 7
                && (data[body] & 0xff) == 0x01
                && ByteText.startsWith(data, body + 1, "vorbis")) {
            return;
        }
        String codec;
        if (ByteText.startsWith(data, body, "OpusHead")) {
            codec = "Ogg Opus";
        } else if (length >= 5
                && (data[body] & 0xff) == 0x7f
                && ByteText.startsWith(data, body + 1, "FLAC")) {
            codec = "Ogg FLAC";
        } else if (ByteText.startsWith(data, body, "Speex")) {
            codec = "Ogg Speex";
        } else if (length >= 7 && ByteText.startsWith(data, body + 1, "theora")) {
            codec = "Ogg Theora (video)";
        } else {
            codec =
                    "an Ogg stream of unknown codec (first packet starts with "
                            + ByteText.quote(data, body, Math.min(8, length))
                            + ")";
        }
        throw new AudioDecodeException(
                file, codec + " is not supported; " + AudioDecoder.SUPPORTED);
    }

    /** The Ogg CRC-32 of a page (polynomial 0x04C11DB7, not reflected), CRC field taken as 0. */
    static int crc(byte[] data, int page, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = (i >= 22 && i < 26) ? 0 : data[page + i] & 0xff;
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
