package dev.scenes.audio.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes float samples as a WAV file in a chosen {@link WavSampleFormat}, mono or multichannel.
 *
 * <p>The output is a function of the samples alone: a canonical 44-byte header for PCM (format tag
 * 1), or for float a 18-byte {@code fmt } chunk (tag 3) and the {@code fact} chunk the spec asks of
 * non-PCM files, then the interleaved data and a pad byte if its size is odd. No timestamps, no
 * LIST chunk, so the same input always gives the same bytes. Plain tags rather than
 * WAVE_FORMAT_EXTENSIBLE, because every reader accepts them.
 *
 * <pre>{@code
 * WavWriter writer = new WavWriter(WavSampleFormat.PCM_24, 44_100);
 * writer.write(Path.of("scene.wav"), left, right);   // stereo
 * writer.write(Path.of("mono.wav"), samples);         // mono
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WavWriter {

    private final WavSampleFormat format;
    private final int sampleRate;

    /**
     * @param format how each sample is stored
     * @param sampleRate frames per second, 1..768000
     */
    public WavWriter(WavSampleFormat format, int sampleRate) {
        this.format = Objects.requireNonNull(format, "format");
        if (sampleRate < 1 || sampleRate > 768_000) {
            throw new IllegalArgumentException(
                    "sampleRate is " + sampleRate + " Hz; expected 1..768000");
        }
        this.sampleRate = sampleRate;
    }

    /** The sample format written. */
    public WavSampleFormat format() {
        return format;
    }

    /** The sample rate written, in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Writes {@code channels} (one array per channel, all the same length) to {@code file},
     * replacing it if it exists.
     *
     * @throws IllegalArgumentException if there is no channel, the lengths differ, a sample is NaN
     *     or infinite, or the data exceeds what a RIFF file can hold
     */
    public void write(Path file, float[]... channels) throws IOException {
        Objects.requireNonNull(file, "file");
        Files.write(file, encode(channels));
    }

    /** The bytes of the WAV file that {@link #write} would write. */
    public byte[] encode(float[]... channels) {
        Objects.requireNonNull(channels, "channels");
        int channelCount = channels.length;
        if (channelCount == 0 || channelCount > 65_535) {
            throw new IllegalArgumentException(
                    "got " + channelCount + " channels; expected 1..65535");
        }
        int frames = Objects.requireNonNull(channels[0], "channel 0").length;
        for (int c = 1; c < channelCount; c++) {
            int length = Objects.requireNonNull(channels[c], "channel " + c).length;
            if (length != frames) {
                throw new IllegalArgumentException(
                        "channel " + c + " has " + length + " samples, channel 0 has " + frames);
            }
        }
        int blockAlign = channelCount * format.bytes();
        boolean isFloat = format.floatingPoint();
        int fmtBytes = isFloat ? 18 : 16;
        int factChunk = isFloat ? 12 : 0;
        long dataBytes = (long) frames * blockAlign;
        long fileBytes = 12 + 8 + fmtBytes + factChunk + 8 + dataBytes + (dataBytes & 1);
        if (fileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    frames
                            + " frames of "
                            + channelCount
                            + " ch "
                            + format
                            + " make "
                            + fileBytes
                            + " bytes, more than one WAV file can hold here");
        }
        ByteBuffer out = ByteBuffer.allocate((int) fileBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt((int) (fileBytes - 8)).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(fmtBytes);
        out.putShort((short) (isFloat ? 3 : 1));
        out.putShort((short) channelCount);
        out.putInt(sampleRate);
        out.putInt(sampleRate * blockAlign);
        out.putShort((short) blockAlign);
        out.putShort((short) format.bits());
        if (isFloat) {
            out.putShort((short) 0);
            out.put(ascii("fact")).putInt(4).putInt(frames);
        }
        out.put(ascii("data")).putInt((int) dataBytes);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channelCount; c++) {
                putSample(out, channels[c][f], c, f);
            }
        }
        return out.array(); // a pad byte, if any, is already zero
    }

    private void putSample(ByteBuffer out, float value, int channel, int frame) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(
                    "sample " + frame + " of channel " + channel + " is " + value);
        }
        switch (format) {
            case PCM_U8 -> out.put((byte) (quantize(value, 128.0, -128, 127) + 128));
            case PCM_16 -> out.putShort((short) quantize(value, 32768.0, -32768, 32767));
            case PCM_24 -> {
                int v = (int) quantize(value, 8388608.0, -8388608, 8388607);
                out.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
            case PCM_32 ->
                    out.putInt(
                            (int)
                                    quantize(
                                            value,
                                            2147483648.0,
                                            Integer.MIN_VALUE,
                                            Integer.MAX_VALUE));
            case FLOAT_32 -> out.putFloat(value);
            case FLOAT_64 -> out.putDouble(value);
        }
    }

    private static long quantize(float value, double fullScale, long min, long max) {
        long q = (long) Math.rint(value * fullScale);
        return Math.max(min, Math.min(max, q));
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
