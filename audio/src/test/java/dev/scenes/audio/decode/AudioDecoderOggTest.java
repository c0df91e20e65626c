package dev.scenes.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.audio.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AudioDecoderOggTest {

    /** Every 20th ESC-10 clip: all ten classes, without decoding all 398 on every build. */
    static Stream<Path> esc10Sample() throws IOException {
        List<Path> clips;
        try (Stream<Path> files = Files.list(SharedData.path("esc10/audio"))) {
            clips =
                    files.filter(p -> p.toString().endsWith(".ogg"))
                            .sorted()
                            .collect(Collectors.toList());
        }
        assertThat(clips).hasSizeGreaterThan(300);
        return IntStream.range(0, clips.size()).filter(i -> i % 20 == 0).mapToObj(clips::get);
    }

    @ParameterizedTest
    @MethodSource("esc10Sample")
    void esc10ClipDecodesToItsDeclaredLengthAt44100Hz(Path clip) throws IOException {
        long declaredSamples = finalGranulePosition(clip);

        DecodedAudio audio = AudioDecoder.decode(clip);

        assertThat(audio.sampleRate()).isEqualTo(44_100);
        assertThat(audio.sourceChannels()).isEqualTo(1);
        assertThat(audio.sourceFormat()).isEqualTo("Ogg Vorbis, 1 ch, 44100 Hz");
        assertThat((long) audio.samples().length).isEqualTo(declaredSamples);
        assertThat(audio.durationSeconds()).isBetween(4.9, 5.1);
        assertThat(rms(audio.samples())).as("RMS").isGreaterThan(1e-3);
        for (float s : audio.samples()) {
            assertThat(Math.abs(s)).isLessThan(1.5f);
        }
    }

    @Test
    void silentTailThatVorbisspiDropsIsDecoded() throws IOException {
        // vorbisspi 1.0.3.3 returns 133824 samples for this clip: it stops with its last two
        // pages (1-byte silent packets) still buffered.
        Path clip = SharedData.path("esc10/audio/1-100032-A.ogg");

        float[] samples = AudioDecoder.decode(clip).samples();

        assertThat(samples).hasSize(220_544);
        float[] tail = java.util.Arrays.copyOfRange(samples, 140_000, samples.length);
        assertThat(rms(tail)).as("RMS of the silent tail").isLessThan(1e-4);
        assertThat(rms(java.util.Arrays.copyOf(samples, 133_824))).isGreaterThan(1e-2);
    }

    /** The last page's granule position: the stream's exact sample count, read without jorbis. */
    private static long finalGranulePosition(Path clip) throws IOException {
        byte[] bytes = Files.readAllBytes(clip);
        long granule = -1;
        for (int at = 0; at < bytes.length; ) {
            assertThat(new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("OggS");
            granule = ByteBuffer.wrap(bytes, at + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int segments = bytes[at + 26] & 0xff;
            int length = 27 + segments;
            for (int s = 0; s < segments; s++) {
                length += bytes[at + 27 + s] & 0xff;
            }
            at += length;
        }
        return granule;
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / x.length);
    }
}
