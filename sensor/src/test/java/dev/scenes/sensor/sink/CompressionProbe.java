package dev.scenes.sensor.sink;

import dev.scenes.schema.wire.WireCodec;
import dev.scenes.sensor.fleet.DeviceMix;
import dev.scenes.sensor.fleet.Fleet;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Measures Kafka's codecs on what the sensors send: batches of two 1-s chunks of synthesized scene
 * audio (16-bit PCM at 44.1 kHz, wire-encoded), compressed with the producer's own classes. Prints
 * a Markdown table (ratio, compression speed, decompression is not measured: the job pays it).
 *
 * <p>Run: {@code java -cp sensor/target/test-classes:sensor/target/classes:$(cat
 * sensor/target/classpath.txt) dev.scenes.sensor.sink.CompressionProbe [devices]}; the numbers are
 * in {@code docs/SENSOR.md}.
 */
public final class CompressionProbe {

    private CompressionProbe() {}

    /** Entry point; the argument is a device list (default: all nine). */
    public static void main(String[] args) throws Exception {
        String devices = args.length > 0 ? args[0] : "a,b,c,s1..s6";
        List<byte[]> values = new ArrayList<>();
        Fleet fleet =
                Fleet.builder()
                        .sensors(18)
                        .speed(0)
                        .seed(5)
                        .devices(DeviceMix.parse(devices))
                        .duration(Duration.ofSeconds(20))
                        .build();
        fleet.start(
                (id, chunk) -> {
                    synchronized (values) {
                        values.add(WireCodec.AUDIO_CHUNK.encode(chunk));
                    }
                });
        fleet.awaitCompletion(Duration.ofMinutes(5));
        List<byte[]> batches = new ArrayList<>();
        for (int i = 0; i + 1 < values.size(); i += 2) {
            byte[] a = values.get(i);
            byte[] b = values.get(i + 1);
            byte[] batch = new byte[a.length + b.length];
            System.arraycopy(a, 0, batch, 0, a.length);
            System.arraycopy(b, 0, batch, a.length, b.length);
            batches.add(batch);
        }
        long raw = batches.stream().mapToLong(b -> b.length).sum();
        System.out.printf(
                Locale.ROOT,
                "%d batches of two 1-s chunks, devices %s, %.1f MB%n%n",
                batches.size(),
                devices,
                raw / 1e6);
        System.out.println("| codec | compressed / raw | MB/s (one core) |");
        System.out.println("| --- | --- | --- |");
        Object[][] codecs = {
            {"lz4 (level 9, Kafka's default)", Compression.lz4().build()},
            {"zstd (level 3, Kafka's default)", Compression.zstd().build()},
            {"zstd level 1", Compression.zstd().level(1).build()},
            {"snappy", Compression.snappy().build()},
            {"gzip (level 6)", Compression.gzip().build()},
        };
        for (Object[] codec : codecs) {
            Compression c = (Compression) codec[1];
            compressAll(c, batches); // warm-up
            long best = Long.MAX_VALUE;
            long size = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                size = compressAll(c, batches);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.0f |%n",
                    codec[0],
                    size / (double) raw,
                    raw / 1e6 / (best / 1e9));
        }
    }

    private static long compressAll(Compression c, List<byte[]> batches) throws IOException {
        long total = 0;
        for (byte[] batch : batches) {
            ByteBufferOutputStream buffer =
                    new ByteBufferOutputStream(ByteBuffer.allocate(1 << 18));
            try (OutputStream out = c.wrapForOutput(buffer, RecordBatch.CURRENT_MAGIC_VALUE)) {
                out.write(batch);
            }
            total += buffer.position();
        }
        return total;
    }
}
