package dev.scenes.sensor.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import dev.scenes.sensor.testing.Pcm;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkMakerTest {

    @Test
    void shouldScaleBy32768RoundToNearestAndClip() {
        float[] in = {
            0f, 1f / 32768, -1f, 1f, 2f, -2f, 0.5f / 32768, 1.5f / 32768, -100.4f / 32768
        };
        byte[] pcm = ChunkMaker.toPcm16(in, 0, in.length);
        short[] out = new short[in.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        // Ties go to even: 0.5 -> 0, 1.5 -> 2.
        assertThat(out).containsExactly(0, 1, -32768, 32767, 32767, -32768, 0, 2, -100);
    }

    @Test
    void shouldFillEveryFieldOfTheChunk() {
        ChunkMaker maker = new ChunkMaker("s1", "b", "lyon/1");
        ChunkStamp stamp = new ChunkStamp(7, 1_000_000L, 1_000_100L);
        float[] samples = {0.25f, -0.25f, 0.5f};
        AudioChunk chunk = maker.make(stamp, 44_100, samples, 1, 2, Map.of("scene", "park"));
        assertThat(chunk.getSensorId()).isEqualTo("s1");
        assertThat(chunk.getDevice()).isEqualTo("b");
        assertThat(chunk.getSeq()).isEqualTo(7);
        assertThat(Pcm.micros(chunk.getStartTime())).isEqualTo(1_000_000L);
        assertThat(chunk.getSampleRate()).isEqualTo(44_100);
        assertThat(chunk.getEncoding()).isEqualTo(AudioEncoding.PCM_S16LE);
        assertThat(Pcm.samples(chunk)).containsExactly(-8192, 16384);
        assertThat(chunk.getSite()).isEqualTo("lyon/1");
        assertThat(chunk.getLabels()).containsEntry("scene", "park");
    }
}
