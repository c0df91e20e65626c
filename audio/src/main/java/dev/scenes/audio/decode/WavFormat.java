package dev.scenes.audio.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parsed and validated {@code fmt } chunk of a WAV file: how to turn the data chunk's bytes
 * into samples.
 *
 * @param codec how one sample is stored
 * @param extensible whether the file used {@code WAVE_FORMAT_EXTENSIBLE}
 * @param channels channels per frame, > 0
 * @param sampleRate frames per second, > 0
 * @param blockAlign bytes per frame: {@code channels * codec.bytes()}
 */
record WavFormat(
        SampleCodec codec, boolean extensible, int channels, int sampleRate, int blockAlign) {

    /** Highest sample rate accepted; anything above is taken for a corrupt header. */
    static final int MAX_SAMPLE_RATE = 768_000;

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_IEEE_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;

    /** The 14 bytes after the 2-byte format tag in every KSDATAFORMAT_SUBTYPE_* GUID we accept. */
    private static final byte[] GUID_TAIL = {
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
    };

    /** How one sample is stored in the data chunk. */
    enum SampleCodec {
        PCM_U8(1, "PCM 8-bit unsigned"),
        PCM_S16(2, "PCM 16-bit"),
        PCM_S24(3, "PCM 24-bit"),
        PCM_S32(4, "PCM 32-bit"),
        FLOAT_32(4, "IEEE float 32-bit"),
        FLOAT_64(8, "IEEE float 64-bit");

        private final int bytes;
        private final String label;

        SampleCodec(int bytes, String label) {
            this.bytes = bytes;
            this.label = label;
        }

        int bytes() {
            return bytes;
        }

        String label() {
            return label;
        }
    }

    /**
     * A description for {@link DecodedAudio#sourceFormat()}, e.g. "WAV PCM 16-bit, 2 ch, 44100 Hz".
     */
    String describe() {
        return "WAV "
                + codec.label()
                + (extensible ? " (extensible)" : "")
                + ", "
                + channels
                + " ch, "
                + sampleRate
                + " Hz";
    }

    /**
     * Parses the body of a {@code fmt } chunk.
     *
     * @param body the chunk body, at least 16 bytes
     */
    static WavFormat parse(Path file, byte[] body) throws AudioDecodeException {
        ByteBuffer fmt = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int tag = fmt.getShort(0) & 0xffff;
        int channels = fmt.getShort(2) & 0xffff;
        long sampleRate = fmt.getInt(4) & 0xffffffffL;
        int blockAlign = fmt.getShort(12) & 0xffff;
        int bits = fmt.getShort(14) & 0xffff;

        boolean extensible = tag == TAG_EXTENSIBLE;
        if (extensible) {
            if (body.length < 40 || (fmt.getShort(16) & 0xffff) < 22) {
                throw new AudioDecodeException(
                        file,
                        "WAVE_FORMAT_EXTENSIBLE fmt chunk is "
                                + body.length
                                + " bytes; it needs 40 with a 22-byte extension");
            }
            if (!Arrays.equals(body, 26, 26 + GUID_TAIL.length, GUID_TAIL, 0, GUID_TAIL.length)) {
                throw new AudioDecodeException(
                        file,
                        "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID (starts with "
                                + ByteText.quote(body, 24, 4)
                                + "); "
                                + AudioDecoder.SUPPORTED);
            }
            tag = fmt.getShort(24) & 0xffff;
        }

        if (tag != TAG_PCM && tag != TAG_IEEE_FLOAT) {
            throw new AudioDecodeException(
                    file,
                    "unsupported WAV encoding "
                            + encodingName(tag)
                            + String.format(" (format tag 0x%04X)", tag)
                            + "; "
                            + AudioDecoder.SUPPORTED);
        }
        if (channels == 0) {
            throw new AudioDecodeException(file, "fmt chunk declares 0 channels");
        }
        if (sampleRate == 0 || sampleRate > MAX_SAMPLE_RATE) {
            throw new AudioDecodeException(
                    file,
                    "fmt chunk declares a sample rate of "
                            + sampleRate
                            + " Hz; expected 1.."
                            + MAX_SAMPLE_RATE);
        }
        SampleCodec codec = codecFor(file, tag, bits);
        if (blockAlign != channels * codec.bytes()) {
            throw new AudioDecodeException(
                    file,
                    "fmt chunk declares block align "
                            + blockAlign
                            + " bytes, but "
                            + channels
                            + " ch of "
                            + codec.label()
                            + " need "
                            + channels * codec.bytes());
        }
        return new WavFormat(codec, extensible, channels, (int) sampleRate, blockAlign);
    }

    private static SampleCodec codecFor(Path file, int tag, int bits) throws AudioDecodeException {
        // Integer samples narrower than their container (e.g. 12 bits in 16, 20 in 24) are stored
        // left-justified, so the container's full scale is the right divisor.
        int container = (bits + 7) / 8;
        SampleCodec codec = null;
        if (tag == TAG_PCM && bits > 0) {
            codec =
                    switch (container) {
                        case 1 -> SampleCodec.PCM_U8;
                        case 2 -> SampleCodec.PCM_S16;
                        case 3 -> SampleCodec.PCM_S24;
                        case 4 -> SampleCodec.PCM_S32;
                        default -> null;
                    };
        } else if (tag == TAG_IEEE_FLOAT && bits == 32) {
            codec = SampleCodec.FLOAT_32;
        } else if (tag == TAG_IEEE_FLOAT && bits == 64) {
            codec = SampleCodec.FLOAT_64;
        }
        if (codec != null) {
            return codec;
        }
        throw new AudioDecodeException(
                file,
                "unsupported WAV encoding "
                        + (tag == TAG_PCM ? "PCM " : "IEEE float ")
                        + bits
                        + "-bit; "
                        + AudioDecoder.SUPPORTED);
    }

    private static String encodingName(int tag) {
        return switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MP3";
            default -> "of unknown kind";
        };
    }
}
