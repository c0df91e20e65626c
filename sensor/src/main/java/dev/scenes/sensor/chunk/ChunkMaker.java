package dev.scenes.sensor.chunk;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the {@code AudioChunk} records of one sensor: its identity (id, device, site) and, per
 * chunk, the stamp, the samples as {@code PCM_S16LE} and the labels.
 *
 * <p>Samples are sent at the source's own rate (the job resamples), as signed 16-bit little-endian
 * PCM: half the bytes of {@code FLOAT32LE}, and what microphones and most files deliver anyway.
 * Floats are scaled by 32768, rounded to nearest (ties to even) and clipped to -32768..32767, the
 * inverse of the decoder's scaling, so 16-bit sources pass through unchanged. Thread-safe.
 */
public final class ChunkMaker {

    private final String sensorId;
    private final String device;
    private final String site;

    /**
     * @param sensorId the sensor's id, also the Kafka key
     * @param device the microphone label
     * @param site where the sensor stands, or {@code null}
     */
    public ChunkMaker(String sensorId, String device, String site) {
        this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
        this.device = Objects.requireNonNull(device, "device");
        this.site = site;
    }

    /** The sensor's id. */
    public String sensorId() {
        return sensorId;
    }

    /**
     * The chunk of {@code samples[off, off + len)} at {@code sampleRate}, stamped {@code stamp}.
     */
    public AudioChunk make(
            ChunkStamp stamp,
            int sampleRate,
            float[] samples,
            int off,
            int len,
            Map<String, String> labels) {
        return AudioChunk.newBuilder()
                .setSensorId(sensorId)
                .setDevice(device)
                .setSeq(stamp.seq())
                .setStartTime(stamp.start())
                .setSampleRate(sampleRate)
                .setEncoding(AudioEncoding.PCM_S16LE)
                .setSamples(ByteBuffer.wrap(toPcm16(samples, off, len)))
                .setSite(site)
                .setLabels(Map.copyOf(labels))
                .build();
    }

    /** {@code samples[off, off + len)} as signed 16-bit little-endian PCM. */
    public static byte[] toPcm16(float[] samples, int off, int len) {
        Objects.checkFromIndexSize(off, len, samples.length);
        byte[] out = new byte[2 * len];
        for (int i = 0; i < len; i++) {
            double scaled = Math.rint(samples[off + i] * 32768.0);
            int v = (int) Math.max(-32768, Math.min(32767, scaled));
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
