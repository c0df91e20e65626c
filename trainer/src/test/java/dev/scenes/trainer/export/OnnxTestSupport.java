package dev.scenes.trainer.export;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Helpers shared by the export tests: ONNX Runtime's optimized graph and agreement figures. */
final class OnnxTestSupport {

    private OnnxTestSupport() {}

    /**
     * Op types (with domain, e.g. {@code com.microsoft:QLinearAdd}) and their counts in the graph
     * ONNX Runtime produces from {@code model} at {@code level}.
     */
    static Map<String, Integer> optimizedOpTypes(
            byte[] model, OrtSession.SessionOptions.OptLevel level, Path dir)
            throws IOException, OrtException {
        Path optimized = dir.resolve("optimized-" + level + ".onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            options.setOptimizedModelFilePath(optimized.toString());
            // Opening the session writes the optimized model.
            OrtModel.open(model, "optimization probe", options).close();
        }
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(optimized));
        Map<String, Integer> ops = new TreeMap<>();
        for (OnnxMl.NodeProto n : proto.getGraph().getNodeList()) {
            String domain = n.getDomain().isEmpty() ? "" : n.getDomain() + ":";
            ops.merge(domain + n.getOpType(), 1, Integer::sum);
        }
        return ops;
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }
}
