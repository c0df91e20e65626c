package dev.scenes.pipeline.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenes.pipeline.testing.AnalyticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the job's first model comes from. */
class InitialModelTest {

    @Test
    void shouldReadAModelFileAndSurviveJavaSerialization(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, AnalyticModels.v1());

        InitialModel model = InitialModel.fromFile(file);

        assertThat(model.onnx()).isEqualTo(AnalyticModels.v1());
        assertThat(model.description()).contains(file.toString());
        assertThat(InstantiationUtil.clone(model)).isEqualTo(model);
    }

    @Test
    void shouldNameAMissingFileAndTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> InitialModel.fromFile(dir.resolve("nope.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.onnx does not exist")
                .hasMessageContaining("--model");
    }

    @Test
    void shouldLoadTheBundledModelOrSayHowToGetOne() {
        if (InitialModel.class.getResource(InitialModel.BUNDLED_RESOURCE) == null) {
            assertThatThrownBy(InitialModel::bundled)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(InitialModel.BUNDLED_RESOURCE)
                    .hasMessageContaining("--model FILE");
        } else {
            try (SceneModel model =
                    SceneModel.load(InitialModel.bundled().onnx(), "bundled", 10.0)) {
                assertThat(model.labels()).isNotEmpty();
            }
        }
    }
}
