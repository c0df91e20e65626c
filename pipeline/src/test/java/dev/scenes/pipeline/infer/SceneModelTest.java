package dev.scenes.pipeline.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scenes.pipeline.testing.AnalyticModels;
import org.junit.jupiter.api.Test;

/** The model contract gate, on the analytic models in the real ONNX Runtime. */
class SceneModelTest {

    @Test
    void shouldLoadAContractModelAndClassifyByBandGroup() {
        try (SceneModel model = SceneModel.load(AnalyticModels.v1(), "analytic v1", 10.0)) {
            assertThat(model.version()).isEqualTo("v1");
            assertThat(model.labels()).isEqualTo(AnalyticModels.LABELS);
            assertThat(model.mels()).isEqualTo(40);
            assertThat(model.frames()).isEqualTo(500);
            assertThat(model.segmentSamples()).isEqualTo(441_000);

            // Band group 7 (bands 28..31) at 0 dB, all else at -10: class 7 by 4 * 10 * WEIGHT.
            float[] input = new float[40 * 500];
            for (int m = 0; m < 40; m++) {
                java.util.Arrays.fill(input, m * 500, (m + 1) * 500, m / 4 == 7 ? 0f : -10f);
            }
            float[] p = model.classify(input);

            double other = Math.exp(-4 * 10 * AnalyticModels.WEIGHT);
            assertThat(p[7]).isCloseTo((float) (1 / (1 + 9 * other)), within(1e-6f));
            assertThat(p[0]).isCloseTo((float) (other / (1 + 9 * other)), within(1e-6f));
        }
    }

    @Test
    void shouldGiveEachInputItsOwnResultWhenRunsReuseTheInputMemory() {
        // Every band group in turn at 0 dB: each run must see its own input, not the last one's.
        try (SceneModel model = SceneModel.load(AnalyticModels.v1(), "analytic v1", 10.0)) {
            for (int group = 0; group < 10; group++) {
                float[] input = new float[40 * 500];
                for (int m = 0; m < 40; m++) {
                    java.util.Arrays.fill(
                            input, m * 500, (m + 1) * 500, m / 4 == group ? 0f : -10f);
                }
                float[] p = model.classify(input);
                assertThat(argmax(p)).isEqualTo(group);
                // A model that ran nothing before gives the same probabilities, bit for bit.
                try (SceneModel once = SceneModel.load(AnalyticModels.v1(), "once", 10.0)) {
                    assertThat(p).isEqualTo(once.classify(input));
                }
            }
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void shouldRefuseAModelWhoseInputIsMisnamed() {
        assertThatThrownBy(() -> SceneModel.load(AnalyticModels.wrongInputName(), "m", 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model m breaks the model contract")
                .hasMessageContaining("[features]")
                .hasMessageContaining("named 'logmel'");
    }

    @Test
    void shouldRefuseAModelWithIncompleteMetadata() {
        assertThatThrownBy(() -> SceneModel.load(AnalyticModels.missingMetadataKey(), "m", 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frontend.n_fft");
    }

    @Test
    void shouldRefuseAModelWithMoreClassesThanLabels() {
        assertThatThrownBy(() -> SceneModel.load(AnalyticModels.labelCountMismatch(), "m", 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected [batch, 9] for the 9 labels");
    }

    @Test
    void shouldRefuseBytesThatAreNotOnnx() {
        assertThatThrownBy(() -> SceneModel.load(AnalyticModels.notOnnx(), "m", 10.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ONNX Runtime cannot load it");
    }

    @Test
    void shouldRefuseAModelTrainedOnAnotherSegmentLength() {
        assertThatThrownBy(() -> SceneModel.load(AnalyticModels.v1(), "m", 5.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment.seconds is 10.0 but the job cuts 5.0 s segments");
    }
}
