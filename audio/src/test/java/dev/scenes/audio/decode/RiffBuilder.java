package dev.scenes.audio.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF/WAVE files byte by byte, including broken ones, for decoder tests. */
final class RiffBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RiffBuilder() {}

    /** Starts a file with the 12-byte {@code RIFF <size> WAVE} header. */
    static RiffBuilder wave() {
        return new RiffBuilder().raw(ascii("RIFF")).raw(le32(0)).raw(ascii("WAVE"));
    }

    /** A chunk whose size field is the true size of {@code body}, padded to an even length. */
    RiffBuilder chunk(String id, byte[] body) {
        raw(ascii(id)).raw(le32(body.length)).raw(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
        return this;
    }

    /** A chunk header that declares {@code declaredSize} bytes, followed by {@code body} as is. */
    RiffBuilder chunkDeclaring(String id, long declaredSize, byte[] body) {
        return raw(ascii(id)).raw(le32((int) declaredSize)).raw(body);
    }

    RiffBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The file, with the RIFF size field set to the file's length minus 8. */
    byte[] build() {
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, bytes.length - 8);
        return bytes;
    }

    /** A 16-byte {@code fmt } body with consistent byte rate and block align. */
    static byte[] fmt(int tag, int channels, int sampleRate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bits)
                .array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE {@code fmt } body with sub-format {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int sampleRate, int bits, int validBits) {
        int blockAlign = channels * ((bits + 7) / 8);
        ByteBuffer b =
                ByteBuffer.allocate(40)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) 0xFFFE)
                        .putShort((short) channels)
                        .putInt(sampleRate)
                        .putInt(sampleRate * blockAlign)
                        .putShort((short) blockAlign)
                        .putShort((short) bits)
                        .putShort((short) 22)
                        .putShort((short) validBits)
                        .putInt(channels == 2 ? 0x3 : 0x4)
                        .putShort((short) subTag);
        b.put(
                new byte[] {
                    0x00,
                    0x00,
                    0x00,
                    0x00,
                    0x10,
                    0x00,
                    (byte) 0x80,
                    0x00,
                    0x00,
                    (byte) 0xAA,
                    0x00,
                    0x38,
                    (byte) 0x9B,
                    0x71
                });
        return b.array();
    }

    /** Interleaved int16 samples, little-endian. */
    static byte[] pcm16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    /** Interleaved int24 samples, little-endian. */
    static byte[] pcm24(int... samples) {
        byte[] b = new byte[3 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            b[3 * i] = (byte) samples[i];
            b[3 * i + 1] = (byte) (samples[i] >> 8);
            b[3 * i + 2] = (byte) (samples[i] >> 16);
        }
        return b;
    }

    /** Interleaved float32 samples, little-endian. */
    static byte[] float32(float... samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
