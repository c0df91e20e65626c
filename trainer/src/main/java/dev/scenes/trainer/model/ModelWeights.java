package dev.scenes.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Trained parameters of an {@link Architecture}, keyed by {@link LayerPath} and parameter name,
 * independent of DJL: what export, batch-norm folding and size accounting read.
 *
 * <p>Parameter names follow DJL: {@code weight} and {@code bias} for convolutions and dense layers;
 * {@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar} for batch norms. Get them
 * from a trained block with {@link DjlWeights#extract}.
 */
public final class ModelWeights {

    /** Convolution and dense weights. */
    public static final String WEIGHT = "weight";

    /** Convolution and dense biases. */
    public static final String BIAS = "bias";

    /** Batch-norm scale. */
    public static final String GAMMA = "gamma";

    /** Batch-norm shift. */
    public static final String BETA = "beta";

    /** Batch-norm running mean. */
    public static final String RUNNING_MEAN = "runningMean";

    /** Batch-norm running variance. */
    public static final String RUNNING_VAR = "runningVar";

    private final String architecture;
    private final Map<String, Tensor> tensors;

    /**
     * Weights of architecture {@code architecture}, keyed {@code "<layer path>/<parameter>"}.
     *
     * @param architecture the architecture's registry name, for messages
     * @param tensors the parameters; copied
     */
    public ModelWeights(String architecture, Map<String, Tensor> tensors) {
        this.architecture = architecture;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The key of parameter {@code param} of the layer at {@code path}. */
    public static String key(String path, String param) {
        return path + "/" + param;
    }

    /**
     * Parameter {@code param} of the layer at {@code path}.
     *
     * @throws IllegalArgumentException if absent, naming the key
     */
    public Tensor get(String path, String param) {
        Tensor t = tensors.get(key(path, param));
        if (t == null) {
            throw new IllegalArgumentException(
                    "weights of "
                            + architecture
                            + " lack "
                            + key(path, param)
                            + "; extract them with DjlWeights.extract from a block built for the"
                            + " same architecture");
        }
        return t;
    }

    /** Whether parameter {@code param} of the layer at {@code path} exists. */
    public boolean has(String path, String param) {
        return tensors.containsKey(key(path, param));
    }

    /** All keys. */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** All parameters by key. */
    public Map<String, Tensor> asMap() {
        return tensors;
    }

    /** The architecture these weights belong to. */
    public String architecture() {
        return architecture;
    }
}
