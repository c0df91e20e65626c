package dev.scenes.sensor.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default capture device through {@code javax.sound}: one endless track of 16-bit PCM, mono at
 * 44.1 kHz when the device offers it, else the first rate it offers of {@link #RATES} (mono, or
 * stereo mixed down). Reading blocks until the audio has been recorded, so the source paces itself.
 *
 * <p>Time stamps follow the sample count, so over hours they follow the sound card's clock, which
 * may drift from the system clock by a few hundredths of a percent.
 */
public final class MicrophoneSource implements AudioSource {

    private static final Logger LOG = LoggerFactory.getLogger(MicrophoneSource.class);

    /** Rates tried in turn, Hz: 44.1 kHz first (the model's rate), then common capture rates. */
    public static final List<Integer> RATES =
            List.of(44_100, 48_000, 32_000, 22_050, 16_000, 96_000, 8_000);

    private final TargetDataLine line;
    private final AudioFormat format;
    private boolean opened;
    private boolean closed;

    private MicrophoneSource(TargetDataLine line, AudioFormat format) {
        this.line = line;
        this.format = format;
    }

    /**
     * Finds the capture line; {@link #nextTrack()} opens and starts it.
     *
     * @throws IllegalStateException with one line saying what is missing when there is no usable
     *     capture device
     */
    public static MicrophoneSource open() {
        for (int channels = 1; channels <= 2; channels++) {
            for (int rate : RATES) {
                AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
                DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
                if (!AudioSystem.isLineSupported(info)) {
                    continue;
                }
                try {
                    return new MicrophoneSource((TargetDataLine) AudioSystem.getLine(info), format);
                } catch (LineUnavailableException | IllegalArgumentException e) {
                    throw new IllegalStateException(
                            "the capture device is unavailable ("
                                    + e.getMessage()
                                    + "); is another program using it?",
                            e);
                }
            }
        }
        List<String> devices = captureDevices();
        if (devices.isEmpty()) {
            throw new IllegalStateException(
                    "no audio capture device: javax.sound finds no microphone on this machine;"
                            + " connect one (and check that the JVM may use the sound system),"
                            + " or stream a file with --file");
        }
        throw new IllegalStateException(
                "the capture devices "
                        + devices
                        + " offer no 16-bit PCM format at "
                        + RATES
                        + " Hz; stream a file with --file instead");
    }

    private static List<String> captureDevices() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            for (Line.Info line : mixer.getTargetLineInfo()) {
                if (TargetDataLine.class.isAssignableFrom(line.getLineClass())) {
                    names.add(info.getName());
                    break;
                }
            }
        }
        return names;
    }

    /** The sample rate captured. */
    public int sampleRate() {
        return Math.round(format.getSampleRate());
    }

    @Override
    public Track nextTrack() {
        if (opened) {
            return null;
        }
        opened = true;
        try {
            // Half a second of buffer: a chunk's send may pause reading briefly.
            line.open(
                    format,
                    Math.max(line.getBufferSize(), format.getFrameSize() * sampleRate() / 2));
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot open the capture device at " + format + ": " + e.getMessage(), e);
        }
        line.start();
        LOG.info("capturing {}", format);
        return new LineTrack();
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "microphone (%d Hz, 16-bit, %s)",
                sampleRate(),
                format.getChannels() == 1 ? "mono" : "stereo mixed to mono");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        line.stop();
        line.close();
    }

    /** The endless capture. */
    private final class LineTrack implements Track {
        private byte[] bytes = new byte[0];

        @Override
        public String name() {
            return "microphone";
        }

        @Override
        public String format() {
            return format.toString();
        }

        @Override
        public int sampleRate() {
            return MicrophoneSource.this.sampleRate();
        }

        @Override
        public int read(float[] buf, int off, int len) {
            int channels = format.getChannels();
            int frameBytes = 2 * channels;
            if (bytes.length < len * frameBytes) {
                bytes = new byte[len * frameBytes];
            }
            int got = line.read(bytes, 0, len * frameBytes);
            int frames = got / frameBytes;
            if (frames == 0) {
                return line.isOpen() ? 0 : -1;
            }
            for (int f = 0; f < frames; f++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    int i = f * frameBytes + 2 * c;
                    sum += (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
                }
                buf[off + f] = sum / (32768f * channels);
            }
            return frames;
        }
    }
}
