package dev.scenes.audio.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads a RIFF/WAVE file: walks the chunks to the {@code fmt } and {@code data} chunks, skipping
 * any others (LIST, fact, cue, ...) with their pad byte, then converts the data chunk in bulk
 * blocks to mono floats.
 *
 * <p>A data chunk size of 0 or 0xFFFFFFFF is what streaming writers leave when they cannot seek
 * back to patch the header; such a chunk is read to the end of the file. A trailing partial frame
 * is dropped. Chunks after the data chunk are not read, so trailing junk does not matter.
 */
final class WavDecoder {

    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int MAX_FMT_BYTES = 1024;
    private static final int BLOCK_BYTES = 1 << 16;

    private WavDecoder() {}

    static DecodedAudio decode(Path file, FileChannel channel, long size) throws IOException {
        WavFormat format = null;
        long dataStart = -1;
        long dataBytes = -1;
        long position = 12;
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while ((format == null || dataStart < 0) && position + 8 <= size) {
            header.clear();
            AudioDecoder.readFully(channel, header, position);
            byte[] id = new byte[4];
            header.get(0, id);
            long chunkSize = header.getInt(4) & 0xffffffffL;
            long body = position + 8;
            long remaining = size - body;
            if (ByteText.startsWith(id, 0, "data")) {
                if (chunkSize == 0 || chunkSize == UNKNOWN_SIZE) {
                    if (format == null) {
                        throw new AudioDecodeException(
                                file,
                                "data chunk of unknown size comes before the fmt chunk;"
                                        + " cannot find the format");
                    }
                    dataStart = body;
                    dataBytes = remaining;
                    break;
                }
                if (chunkSize > remaining) {
                    throw new AudioDecodeException(
                            file,
                            "truncated data chunk: header says "
                                    + chunkSize
                                    + " bytes, file has "
                                    + remaining);
                }
                dataStart = body;
                dataBytes = chunkSize;
            } else if (ByteText.startsWith(id, 0, "fmt ")) {
                if (chunkSize > remaining) {
                    throw new AudioDecodeException(
                            file,
                            "fmt chunk cut short: header says "
                                    + chunkSize
                                    + " bytes, file has "
                                    + remaining);
                }
                if (chunkSize < 16) {
                    throw new AudioDecodeException(
                            file,
                            "fmt chunk is "
                                    + chunkSize
                                    + " bytes; a WAV fmt chunk has at least 16");
                }
                byte[] fmt = new byte[(int) Math.min(chunkSize, MAX_FMT_BYTES)];
                AudioDecoder.readFully(channel, ByteBuffer.wrap(fmt), body);
                format = WavFormat.parse(file, fmt);
            } else if (chunkSize > remaining) {
                throw new AudioDecodeException(
                        file,
                        "corrupt RIFF structure: chunk "
                                + ByteText.quote(id, 0, 4)
                                + " at byte "
                                + position
                                + " declares "
                                + chunkSize
                                + " bytes, but only "
                                + remaining
                                + " follow");
            }
            position = body + chunkSize + (chunkSize & 1);
        }
        if (format == null) {
            throw new AudioDecodeException(
                    file, "no fmt chunk in " + size + " bytes of RIFF data; the file is corrupt");
        }
        if (dataStart < 0) {
            throw new AudioDecodeException(
                    file, "no data chunk in " + size + " bytes of RIFF data; the file is corrupt");
        }
        long frames = dataBytes / format.blockAlign();
        if (frames > Integer.MAX_VALUE - 8) {
            throw new AudioDecodeException(
                    file, "too long to decode into one array: " + frames + " frames");
        }
        float[] samples = new float[(int) frames];
        readSamples(channel, dataStart, format, samples);
        return new DecodedAudio(samples, format.sampleRate(), format.channels(), format.describe());
    }

    private static void readSamples(
            FileChannel channel, long dataStart, WavFormat format, float[] out) throws IOException {
        int framesPerBlock = Math.max(1, BLOCK_BYTES / format.blockAlign());
        ByteBuffer block =
                ByteBuffer.allocate(framesPerBlock * format.blockAlign())
                        .order(ByteOrder.LITTLE_ENDIAN);
        FrameConverter converter = new FrameConverter(format);
        long position = dataStart;
        int done = 0;
        while (done < out.length) {
            int frames = Math.min(framesPerBlock, out.length - done);
            block.clear().limit(frames * format.blockAlign());
            AudioDecoder.readFully(channel, block, position);
            converter.convert(block, frames, out, done);
            position += (long) frames * format.blockAlign();
            done += frames;
        }
    }

    /** Turns interleaved frames of one codec into mono floats by averaging the channels. */
    private static final class FrameConverter {
        private final WavFormat.SampleCodec codec;
        private final int channels;

        /** For integer codecs: 1 / (full scale * channels), so that one multiply averages. */
        private final double integerScale;

        FrameConverter(WavFormat format) {
            this.codec = format.codec();
            this.channels = format.channels();
            double fullScale =
                    switch (codec) {
                        case PCM_U8 -> 128.0;
                        case PCM_S16 -> 32768.0;
                        case PCM_S24 -> 8388608.0;
                        default -> 2147483648.0;
                    };
            this.integerScale = 1.0 / (fullScale * channels);
        }

        void convert(ByteBuffer block, int frames, float[] out, int offset) {
            byte[] b = block.array();
            int at = 0;
            switch (codec) {
                case PCM_U8 -> {
                    for (int f = 0; f < frames; f++) {
                        long sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += (b[at++] & 0xff) - 128;
                        }
                        out[offset + f] = (float) (sum * integerScale);
                    }
                }
                case PCM_S16 -> {
                    for (int f = 0; f < frames; f++) {
                        long sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += (short) ((b[at] & 0xff) | (b[at + 1] << 8));
                            at += 2;
                        }
                        out[offset + f] = (float) (sum * integerScale);
                    }
                }
                case PCM_S24 -> {
                    for (int f = 0; f < frames; f++) {
                        long sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16);
                            at += 3;
                        }
                        out[offset + f] = (float) (sum * integerScale);
                    }
                }
                case PCM_S32 -> {
                    for (int f = 0; f < frames; f++) {
                        long sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += block.getInt(at);
                            at += 4;
                        }
                        out[offset + f] = (float) (sum * integerScale);
                    }
                }
                case FLOAT_32 -> {
                    for (int f = 0; f < frames; f++) {
                        double sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += block.getFloat(at);
                            at += 4;
                        }
                        out[offset + f] = (float) (sum / channels);
                    }
                }
                case FLOAT_64 -> {
                    for (int f = 0; f < frames; f++) {
                        double sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += block.getDouble(at);
                            at += 8;
                        }
                        out[offset + f] = (float) (sum / channels);
                    }
                }
            }
        }
    }
}
