package dev.scenes.trainer.train;

import dev.scenes.trainer.model.ModelWeights;
import dev.scenes.trainer.model.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint of {@link ModelWeights} on disk: a small big-endian binary format ({@code SCW1},
 * architecture name, then per tensor its key, shape and float values), written to a temporary file
 * and renamed so an interrupted run never leaves a torn checkpoint.
 */
public final class WeightsFile {

    private static final int MAGIC = 0x53435731; // "SCW1"

    private WeightsFile() {}

    /** Writes {@code weights} to {@code file} atomically. */
    public static void write(ModelWeights weights, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeUTF(weights.architecture());
            out.writeInt(weights.asMap().size());
            for (Map.Entry<String, Tensor> e : weights.asMap().entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                Tensor t = e.getValue();
                for (int i = 0; i < t.size(); i++) {
                    out.writeFloat(t.get(i));
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException naming the file if it is not a weights checkpoint
     */
    public static ModelWeights read(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a weights checkpoint (bad magic)");
            }
            String arch = in.readUTF();
            int n = in.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                String key = in.readUTF();
                long[] shape = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                float[] values = new float[Math.toIntExact(size)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                tensors.put(key, new Tensor(shape, values));
            }
            return new ModelWeights(arch, tensors);
        }
    }
}
