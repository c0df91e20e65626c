package dev.scenes.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.scenes.trainer.testing.RealInputs;
import dev.scenes.trainer.testing.TestWeights;
import dev.scenes.trainer.testing.TrainedModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DjlBlocksTest {

    @ParameterizedTest
    @ValueSource(strings = {"dcase2021-baseline", "cpmobile-s"})
    void blockHoldsExactlyTheParametersTheDescriptionCounts(String name) {
        Architecture arch = Architecture.byName(name);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = DjlBlocks.build(arch, DjlBlocks.Head.LOGITS);
            DjlBlocks.initialize(block, m, arch);

            long djl = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                djl += p.getValue().getArray().size();
            }

            // DJL, like Keras, holds 4 values per batch-norm channel.
            assertThat(djl).isEqualTo(arch.parameterCount().total());
        }
    }

    @Test
    void probabilityHeadGivesADistributionPerExample() {
        Architecture arch = Architecture.byName("cpmobile-s");
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = DjlBlocks.build(arch, DjlBlocks.Head.PROBABILITIES);
            DjlBlocks.initialize(block, m, arch);
            float[] x = new float[2 * 40 * 500];
            System.arraycopy(RealInputs.street(), 0, x, 0, 20_000);
            System.arraycopy(RealInputs.esc10Inputs(1).get(0), 0, x, 20_000, 20_000);

            NDArray p =
                    block.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(x, new Shape(2, 1, 40, 500))),
                                    false)
                            .singletonOrThrow();

            assertThat(p.getShape()).isEqualTo(new Shape(2, 10));
            float[] v = p.toFloatArray();
            double row0 = 0;
            double row1 = 0;
            for (int k = 0; k < 10; k++) {
                assertThat(v[k]).isBetween(0f, 1f);
                row0 += v[k];
                row1 += v[10 + k];
            }
            assertThat(row0).isCloseTo(1.0, within(1e-5));
            assertThat(row1).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void weightsSurviveExtractAndLoadUnchanged() {
        Architecture arch = Architecture.byName("dcase2021-baseline");
        ModelWeights random = TestWeights.random(arch, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = DjlBlocks.build(arch, DjlBlocks.Head.LOGITS);
            DjlBlocks.initialize(block, m, arch);

            DjlWeights.load(arch, block, random);
            ModelWeights back = DjlWeights.extract(arch, block);

            assertThat(back.keys()).containsExactlyInAnyOrderElementsOf(random.keys());
            for (String k : random.keys()) {
                assertThat(back.asMap().get(k)).as(k).isEqualTo(random.asMap().get(k));
            }
        }
    }

    @Test
    void briefTrainingLowersTheLossAndReachesEveryParameter() {
        TrainedModel trained = TrainedModel.cpMobileS();
        List<Double> losses = trained.losses();

        assertThat(trained.parametersWithoutGradient()).isEmpty();
        assertThat(losses.get(0)).isGreaterThan(1.8); // about ln(10) = 2.30 at the start
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.75);
    }
}
