package dev.scenes.audio.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scenes.audio.decode.AudioDecoder;
import dev.scenes.audio.decode.DecodedAudio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WavWriterTest {

    @TempDir Path dir;

    static Stream<Arguments> formatsAndChannelCounts() {
        return Arrays.stream(WavSampleFormat.values())
                .flatMap(f -> Stream.of(1, 2, 3, 6).map(c -> Arguments.of(f, c)));
    }

    @ParameterizedTest(name = "{0}, {1} ch")
    @MethodSource("formatsAndChannelCounts")
    void roundTripThroughDecoderGivesTheChannelAverageWithinOneLsb(
            WavSampleFormat format, int channelCount) throws IOException {
        int frames = 4410;
        int rate = 22_050;
        float[][] channels = new float[channelCount][frames];
        for (int c = 0; c < channelCount; c++) {
            // Distinct per-channel signals: a sine of its own frequency, amplitude and offset.
            double amplitude = 0.9 / (c + 1);
            double offset = 0.05 * c - 0.05;
            for (int i = 0; i < frames; i++) {
                channels[c][i] =
                        (float)
                                (offset
                                        + amplitude
                                                * Math.sin(2 * Math.PI * 440 * (c + 1) * i / rate));
            }
        }
        Path file = dir.resolve("roundtrip.wav");

        new WavWriter(format, rate).write(file, channels);
        DecodedAudio audio = AudioDecoder.decode(file);

        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.sourceChannels()).isEqualTo(channelCount);
        assertThat(audio.samples()).hasSize(frames);
        double lsb = format.floatingPoint() ? 1e-7 : Math.pow(2, 1 - format.bits());
        for (int i = 0; i < frames; i++) {
            double mean = 0;
            for (float[] channel : channels) {
                mean += channel[i];
            }
            mean /= channelCount;
            // The decoder returns float32, which is coarser than one LSB of PCM 32.
            double tolerance = lsb + Math.ulp((float) mean);
            assertThat((double) audio.samples()[i])
                    .as("frame %d", i)
                    .isCloseTo(mean, within(tolerance));
        }
    }

    @Test
    void pcm16MonoHasTheCanonical44ByteHeader() {
        byte[] bytes = new WavWriter(WavSampleFormat.PCM_16, 8_000).encode(new float[] {0.5f, -1f});

        byte[] expected = {
            'R',
            'I',
            'F',
            'F',
            40,
            0,
            0,
            0,
            'W',
            'A',
            'V',
            'E',
            'f',
            'm',
            't',
            ' ',
            16,
            0,
            0,
            0,
            1,
            0, // PCM
            1,
            0, // 1 channel
            0x40,
            0x1F,
            0,
            0, // 8000 Hz
            (byte) 0x80,
            0x3E,
            0,
            0, // 16000 bytes per second
            2,
            0, // block align
            16,
            0, // bits
            'd',
            'a',
            't',
            'a',
            4,
            0,
            0,
            0,
            0x00,
            0x40, // 0.5 * 32768 = 16384
            0x00,
            (byte) 0x80 // -32768
        };
        assertThat(bytes).containsExactly(expected);
    }

    @Test
    void float32HasAFmtExtensionByteCountAndAFactChunk() {
        byte[] bytes =
                new WavWriter(WavSampleFormat.FLOAT_32, 48_000)
                        .encode(new float[] {0.25f, 2f}, new float[] {-0.25f, -3f});

        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(bytes, 12)).isEqualTo("fmt ");
        assertThat(b.getInt(16)).as("fmt size").isEqualTo(18);
        assertThat(b.getShort(20)).as("format tag").isEqualTo((short) 3);
        assertThat(b.getShort(32)).as("block align").isEqualTo((short) 8);
        assertThat(b.getShort(36)).as("cbSize").isZero();
        assertThat(ascii(bytes, 38)).isEqualTo("fact");
        assertThat(b.getInt(46)).as("fact sample frames").isEqualTo(2);
        assertThat(ascii(bytes, 50)).isEqualTo("data");
        assertThat(b.getInt(54)).isEqualTo(16);
        // Float samples are stored unclipped.
        assertThat(b.getFloat(58 + 8)).isEqualTo(2f);
        assertThat(b.getFloat(58 + 12)).isEqualTo(-3f);
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(bytes.length - 8);
    }

    @Test
    void oddDataSizeGetsAPadByteThatIsNotCountedInTheChunk() {
        byte[] bytes =
                new WavWriter(WavSampleFormat.PCM_U8, 8_000).encode(new float[] {0f, 1f, -1f});

        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(44 + 3 + 1);
        assertThat(b.getInt(40)).as("data size").isEqualTo(3);
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(40);
        assertThat(Arrays.copyOfRange(bytes, 44, 48))
                .containsExactly((byte) 128, (byte) 255, (byte) 0, (byte) 0);
    }

    @Test
    void pcm16RoundsToNearestWithTiesToEvenAndClips() {
        float lsb = 1f / 32768;
        float[] in = {
            1f, 1.5f, -1f, -1.25f, 0.5f * lsb, 1.5f * lsb, -2.5f * lsb, 0.49f * lsb, 0.51f * lsb
        };

        short[] out = pcm16Samples(new WavWriter(WavSampleFormat.PCM_16, 8_000).encode(in));

        assertThat(out).containsExactly(32767, 32767, -32768, -32768, 0, 2, -2, 0, 1);
    }

    @Test
    void pcm24And32ClipAtTheirFullScale() throws IOException {
        for (WavSampleFormat format :
                new WavSampleFormat[] {WavSampleFormat.PCM_24, WavSampleFormat.PCM_32}) {
            Path file = dir.resolve(format + ".wav");
            new WavWriter(format, 8_000).write(file, new float[] {2f, -2f});

            float[] decoded = AudioDecoder.decode(file).samples();

            double fullScale = Math.pow(2, format.bits() - 1);
            assertThat(decoded[0]).isEqualTo((float) ((fullScale - 1) / fullScale));
            assertThat(decoded[1]).isEqualTo(-1f);
        }
    }

    @Test
    void nonFiniteSampleIsRejectedNamingItsPosition() {
        WavWriter writer = new WavWriter(WavSampleFormat.PCM_16, 44_100);

        assertThatThrownBy(() -> writer.encode(new float[3], new float[] {0f, Float.NaN, 0f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample 1 of channel 1 is NaN");
    }

    @Test
    void channelsOfDifferentLengthsAreRejected() {
        WavWriter writer = new WavWriter(WavSampleFormat.PCM_24, 44_100);

        assertThatThrownBy(() -> writer.encode(new float[10], new float[9]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel 1 has 9 samples, channel 0 has 10");
        assertThatThrownBy(writer::encode)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got 0 channels; expected 1..65535");
    }

    @Test
    void sampleRateOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new WavWriter(WavSampleFormat.PCM_16, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampleRate is 0 Hz; expected 1..768000");
    }

    private static short[] pcm16Samples(byte[] wav) {
        short[] samples = new short[(wav.length - 44) / 2];
        ByteBuffer.wrap(wav, 44, wav.length - 44)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(samples);
        return samples;
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
