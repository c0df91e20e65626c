package dev.scenes.sensor.testing;

import dev.scenes.schema.AudioChunk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Reading chunks back in tests. */
public final class Pcm {

    private Pcm() {}

    /** The chunk's PCM_S16LE samples. */
    public static short[] samples(AudioChunk chunk) {
        ShortBuffer shorts =
                chunk.getSamples().duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] out = new short[shorts.remaining()];
        shorts.get(out);
        return out;
    }

    /** Number of samples of a PCM_S16LE chunk. */
    public static int count(AudioChunk chunk) {
        ByteBuffer b = chunk.getSamples();
        return b.remaining() / 2;
    }

    /** Microseconds since the epoch. */
    public static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** The chunk's end: start + floor(samples * 10^6 / rate) is within 1 µs of it. */
    public static double exactDurationMicros(AudioChunk chunk) {
        return count(chunk) * 1e6 / chunk.getSampleRate();
    }
}
