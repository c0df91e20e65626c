package dev.scenes.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.trainer.model.Architecture;
import dev.scenes.trainer.model.Layer;
import dev.scenes.trainer.model.ModelWeights;
import dev.scenes.trainer.model.Tensor;
import dev.scenes.trainer.testing.RealInputs;
import dev.scenes.trainer.testing.TestWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSizeTest {

    /** The baseline widened to Dense 2100: 64 x 2100 weights alone exceed 131,072 bytes. */
    private static Architecture oversized() {
        Architecture base = Architecture.byName("dcase2021-baseline");
        List<Layer> layers = new ArrayList<>(base.layers());
        layers.set(15, new Layer.Dense(2100, true));
        return new Architecture("wide-baseline", "oversized", 40, 500, 10, layers);
    }

    @Test
    void oversizeModelIsRefusedBeforeAnythingIsWritten() {
        Architecture arch = oversized();
        ModelExporter exporter =
                Fp32ExportTest.exporter(
                        arch, TestWeights.random(arch, 1), List.of(RealInputs.street()));
        ModelExporter strict =
                ModelExporter.builder(arch, TestWeights.random(arch, 1))
                        .labels(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"))
                        .modelVersion("1")
                        .trainingDataFingerprint("f")
                        .calibration(List.of(RealInputs.street()), CalibrationMethod.minMax())
                        .build();

        assertThatThrownBy(strict::int8Model)
                .isInstanceOf(OversizeModelException.class)
                .hasMessageMatching(
                        "model wide-baseline has 1[0-9]{2},[0-9]{3} non-zero parameters ="
                                + " 1[3-9][0-9]\\.[0-9] KB at int8 .*")
                .hasMessageContaining("the DCASE 2021 limit is 128 KB")
                .hasMessageContaining("reduce width or pass --allow-oversize");
        assertThat(exporter.int8Model().metadata().sizeBytes())
                .isGreaterThan(ModelSize.DCASE2021_LIMIT_BYTES);
    }

    @Test
    void int8SizeCountsWeightsAtOneByteBiasesAtFourAndSkipsZeros() {
        Architecture arch =
                new Architecture(
                        "tiny",
                        "one conv",
                        2,
                        2,
                        8,
                        List.of(
                                Layer.BandNorm.identity(2),
                                new Layer.Conv2d(2, 1, 1, 1, 1, 0, 0, 1, true),
                                new Layer.Flatten(),
                                new Layer.Softmax()));
        ModelWeights w =
                new ModelWeights(
                        "tiny",
                        Map.of(
                                "1/weight",
                                        new Tensor(new long[] {2, 1, 1, 1}, new float[] {0.5f, 0f}),
                                "1/bias", new Tensor(new long[] {2}, new float[] {0f, 0.25f})));
        FoldedNetwork net = BatchNormFolding.fold(arch, w);

        ModelSize int8 = ModelSize.int8(net, FloatLayers.NONE);
        ModelSize floatFirst = ModelSize.int8(net, FloatLayers.FIRST_CONV);
        ModelSize fp32 = ModelSize.fp32(net);

        // band norm: 2 means of 0 (not counted) + 2 deviations of 1 at 4 bytes; 1 weight; 1 bias.
        assertThat(int8.nonZeroParameters()).isEqualTo(4);
        assertThat(int8.bytes()).isEqualTo(2 * 4 + 1 + 4);
        // The one convolution reads the single input channel: kept float, its weight is 4 bytes.
        assertThat(floatFirst.nonZeroParameters()).isEqualTo(4);
        assertThat(floatFirst.bytes()).isEqualTo(2 * 4 + 4 + 4);
        assertThat(fp32.bytes()).isEqualTo(4 * 4);
    }

    @Test
    void baselineInt8SizeIsAbout45Kilobytes() {
        Architecture arch = Architecture.byName("dcase2021-baseline");
        ModelSize size =
                ModelSize.int8(
                        BatchNormFolding.fold(arch, TestWeights.random(arch, 4)), FloatLayers.NONE);

        // 45,990 weights and biases after folding (228 biases at 4 bytes) + 80 band values.
        assertThat(size.bytes()).isBetween(45_000L, 45_990L - 228 + 228 * 4 + 320);
        assertThat(size.withinDcase2021Limit()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcase2021-baseline", "cpmobile-s"})
    void aFloatFirstConvolutionCountsFourBytesPerWeightAndBothNetworksStayWithinTheLimit(
            String name) {
        Architecture arch = Architecture.byName(name);
        FoldedNetwork net = BatchNormFolding.fold(arch, TestWeights.random(arch, 4));
        Op.Conv first = (Op.Conv) net.ops().get(1);
        // The network input has one channel, so the first convolution reads one channel.
        assertThat(first.weight().shape())
                .containsExactly(16, 1, first.weight().dim(2), first.weight().dim(3));
        long floatWeights = 0;
        for (float v : first.weight().values()) {
            floatWeights += v != 0 ? 1 : 0;
        }
        long int8Weights = ChannelQuantizedWeights.of(first.weight()).nonZero();

        ModelSize allInt8 = ModelSize.int8(net, FloatLayers.NONE);
        ModelSize floatFirst = ModelSize.int8(net, FloatLayers.FIRST_CONV);

        assertThat(FloatLayers.FIRST_CONV.select(net)).containsExactly(first.id());
        assertThat(floatFirst.bytes() - allInt8.bytes()).isEqualTo(4 * floatWeights - int8Weights);
        assertThat(floatFirst.nonZeroParameters() - allInt8.nonZeroParameters())
                .isEqualTo(floatWeights - int8Weights);
        // 16 x 49 (baseline) or 16 x 9 (cpmobile-s) random weights: none is zero in float.
        assertThat(floatWeights).isEqualTo(first.weight().size());
        assertThat(floatFirst.withinDcase2021Limit()).isTrue();
    }
}
