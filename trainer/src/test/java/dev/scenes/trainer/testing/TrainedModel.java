package dev.scenes.trainer.testing;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.scenes.trainer.model.Architecture;
import dev.scenes.trainer.model.DjlBlocks;
import dev.scenes.trainer.model.DjlWeights;
import dev.scenes.trainer.model.ModelWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * A briefly trained network for tests that need a non-degenerate model: {@code cpmobile-s} trained
 * with DJL for a few epochs on 3 ESC-10 clips per class (30 clips), band statistics from those
 * clips. Trained once per JVM.
 *
 * @param architecture the architecture with its band statistics
 * @param weights the trained weights
 * @param trainInputs the 30 training inputs (also the calibration sample)
 * @param losses mean training loss per epoch
 * @param parametersWithoutGradient names of trainable parameters whose gradient was all zero after
 *     the first backward pass (expected: none)
 */
public record TrainedModel(
        Architecture architecture,
        ModelWeights weights,
        List<float[]> trainInputs,
        List<Double> losses,
        List<String> parametersWithoutGradient) {

    /** Clips per class used for training. */
    public static final int TRAIN_PER_CLASS = 3;

    private static final int EPOCHS = 10;
    private static final int BATCH = 10;
    private static TrainedModel cached;

    /** The cached trained {@code cpmobile-s}. */
    public static synchronized TrainedModel cpMobileS() {
        if (cached == null) {
            cached = train(Architecture.byName("cpmobile-s"));
        }
        return cached;
    }

    private static TrainedModel train(Architecture base) {
        List<RealInputs.Example> examples = RealInputs.esc10(TRAIN_PER_CLASS);
        List<float[]> inputs = new ArrayList<>();
        for (RealInputs.Example e : examples) {
            inputs.add(e.input());
        }
        Architecture arch = base.withBandNorm(RealInputs.bandNorm(inputs));
        int per = arch.mels() * arch.frames();
        List<Double> losses = new ArrayList<>();
        List<String> noGradient = new ArrayList<>();
        ai.djl.engine.Engine.getInstance().setRandomSeed(1234);
        try (Model model = Model.newInstance("trained-fixture")) {
            model.setBlock(DjlBlocks.build(arch, DjlBlocks.Head.LOGITS));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(3e-3f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, arch.mels(), arch.frames()));
                java.util.Random shuffle = new java.util.Random(11);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < examples.size(); i++) {
                    order.add(i);
                }
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    java.util.Collections.shuffle(order, shuffle);
                    double sum = 0;
                    int batches = 0;
                    for (int b = 0; b + BATCH <= order.size(); b += BATCH) {
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            float[] x = new float[BATCH * per];
                            float[] y = new float[BATCH];
                            for (int i = 0; i < BATCH; i++) {
                                RealInputs.Example e = examples.get(order.get(b + i));
                                System.arraycopy(e.input(), 0, x, i * per, per);
                                y[i] = e.label();
                            }
                            NDList data =
                                    new NDList(
                                            m.create(
                                                    x,
                                                    new Shape(
                                                            BATCH, 1, arch.mels(), arch.frames())));
                            NDList labels = new NDList(m.create(y));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList preds = trainer.forward(data, labels);
                                NDArray loss = trainer.getLoss().evaluate(labels, preds);
                                gc.backward(loss);
                                sum += loss.getFloat();
                                batches++;
                            }
                            if (epoch == 0 && b == 0) {
                                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                                    Parameter param = p.getValue();
                                    if (param.requiresGradient()
                                            && param.getArray().getGradient().abs().sum().getFloat()
                                                    == 0f) {
                                        noGradient.add(p.getKey());
                                    }
                                }
                            }
                            trainer.step();
                        }
                    }
                    losses.add(sum / batches);
                }
            }
            ModelWeights weights = DjlWeights.extract(arch, model.getBlock());
            return new TrainedModel(arch, weights, List.copyOf(inputs), losses, noGradient);
        }
    }
}
