package dev.scenes.audio.frontend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code .f32} feature file: raw float32 little-endian values, frame-major ({@code frames x
 * mels}), no header; the format of the shared golden features, readable with {@code
 * numpy.fromfile(path, '<f4').reshape(-1, mels)}.
 */
public final class FeatureFile {

    private FeatureFile() {}

    /** Writes {@code logMel} to {@code file}, replacing it. */
    public static void write(LogMel logMel, Path file) throws IOException {
        ByteBuffer bytes =
                ByteBuffer.allocate(logMel.values().length * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(logMel.values());
        try (FileChannel out =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Reads a feature file of {@code mels} bands per frame.
     *
     * @throws IOException if the file's size is not a whole number of frames
     */
    public static LogMel read(Path file, int mels) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        int frameBytes = mels * Float.BYTES;
        if (raw.length % frameBytes != 0) {
            throw new IOException(
                    file
                            + ": "
                            + raw.length
                            + " bytes is not a whole number of "
                            + mels
                            + "-band float32 frames ("
                            + frameBytes
                            + " bytes each)");
        }
        float[] values = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new LogMel(values.length / mels, mels, values);
    }
}
