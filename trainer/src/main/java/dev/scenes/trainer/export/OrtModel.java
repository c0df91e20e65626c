package dev.scenes.trainer.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX model of the model contract opened in ONNX Runtime: feeds {@code logmel} batches and
 * reads {@code probabilities} (or, for calibration, any named outputs). Used by calibration and by
 * tests that check exported files exactly as the pipeline will run them.
 *
 * <p>Runtime errors are rethrown as {@link IllegalStateException} naming the model; {@link
 * #close()} logs and never throws.
 */
public final class OrtModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrtModel.class);

    private final String description;
    private final OrtSession session;
    private final int mels;
    private final int frames;

    private OrtModel(String description, OrtSession session, int mels, int frames) {
        this.description = description;
        this.session = session;
        this.mels = mels;
        this.frames = frames;
    }

    /** Opens {@code model} (serialised ONNX) with default session options. */
    public static OrtModel open(byte[] model, String description) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            return open(model, description, options);
        }
    }

    /**
     * Opens {@code model} with {@code options} (e.g. an optimisation level and an optimized-model
     * path); the options may be closed afterwards.
     *
     * @throws IllegalStateException if ONNX Runtime rejects the model or it lacks a {@code logmel}
     *     input of shape {@code [batch, 1, mels, frames]}
     */
    public static OrtModel open(
            byte[] model, String description, OrtSession.SessionOptions options) {
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "Failed to load ONNX model " + description + " into ONNX Runtime", e);
        }
        try {
            NodeInfo input = session.getInputInfo().get(NetworkGraphWriter.INPUT);
            if (input == null
                    || !(input.getInfo() instanceof TensorInfo t)
                    || t.getShape().length != 4) {
                throw new IllegalStateException(
                        "ONNX model "
                                + description
                                + " has no input "
                                + NetworkGraphWriter.INPUT
                                + " of shape [batch, 1, mels, frames]; inputs are "
                                + session.getInputNames());
            }
            long[] shape = t.getShape();
            return new OrtModel(description, session, (int) shape[2], (int) shape[3]);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, description);
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("Failed to inspect ONNX model " + description, e);
        }
    }

    /** Input mel bands. */
    public int mels() {
        return mels;
    }

    /** Input frames. */
    public int frames() {
        return frames;
    }

    /** The model's metadata_props. */
    public Map<String, String> metadata() {
        try {
            return session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "Failed to read metadata of ONNX model " + description, e);
        }
    }

    /** The graph's output names. */
    public Set<String> outputNames() {
        return session.getOutputNames();
    }

    /** Class probabilities of each example ({@code mels * frames} values, band-major). */
    public float[][] predict(List<float[]> examples) {
        float[] flat =
                run(examples, List.of(NetworkGraphWriter.OUTPUT)).get(NetworkGraphWriter.OUTPUT);
        int classes = flat.length / examples.size();
        float[][] out = new float[examples.size()][classes];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(flat, i * classes, out[i], 0, classes);
        }
        return out;
    }

    /**
     * Runs one batch and returns the named outputs flattened, each {@code [batch, ...]} row-major.
     *
     * @throws IllegalArgumentException if an example has the wrong length
     * @throws IllegalStateException if ONNX Runtime fails
     */
    public Map<String, float[]> run(List<float[]> examples, Collection<String> outputs) {
        int per = mels * frames;
        FloatBuffer buf = FloatBuffer.allocate(examples.size() * per);
        for (int i = 0; i < examples.size(); i++) {
            float[] x = examples.get(i);
            if (x.length != per) {
                throw new IllegalArgumentException(
                        "example "
                                + i
                                + " has "
                                + x.length
                                + " values; model "
                                + description
                                + " takes [1, "
                                + mels
                                + ", "
                                + frames
                                + "] = "
                                + per);
            }
            buf.put(x);
        }
        buf.rewind();
        long[] shape = {examples.size(), 1, mels, frames};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buf, shape);
                OrtSession.Result result =
                        session.run(
                                Map.of(NetworkGraphWriter.INPUT, input),
                                new java.util.LinkedHashSet<>(outputs))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] values = new float[fb.remaining()];
                fb.get(values);
                out.put(e.getKey(), values);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "Failed to execute ONNX model "
                            + description
                            + " on a batch of "
                            + examples.size(),
                    e);
        }
    }

    /** Runs {@code examples} in batches of {@code batchSize}; probabilities per example. */
    public float[][] predict(List<float[]> examples, int batchSize) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += batchSize) {
            for (float[] r :
                    predict(examples.subList(i, Math.min(examples.size(), i + batchSize)))) {
                rows.add(r);
            }
        }
        return rows.toArray(new float[0][]);
    }

    @Override
    public void close() {
        closeQuietly(session, description);
    }

    private static void closeQuietly(OrtSession session, String description) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            LOG.warn("Failed to close ONNX Runtime session of {}: {}", description, e.toString());
        }
    }
}
