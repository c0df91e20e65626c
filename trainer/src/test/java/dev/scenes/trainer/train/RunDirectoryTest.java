package dev.scenes.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.trainer.model.ModelWeights;
import dev.scenes.trainer.model.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir Path dir;

    @Test
    void configStateAndMetricsReadBackAsWritten() {
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        TrainingConfig config = TrainingConfig.defaults("dcase2021-baseline");
        run.writeConfig(config);
        assertThat(run.exists()).isTrue();
        assertThat(run.readConfig()).isEqualTo(config);

        run.writeState(new RunDirectory.State(3, 2, 0.5, 0.75));
        assertThat(run.readState()).contains(new RunDirectory.State(3, 2, 0.5, 0.75));

        run.startMetrics();
        EpochMetrics m1 = new EpochMetrics(1, 2.0, 1.5, 0.25, 1e-3, 4.5);
        EpochMetrics m2 = new EpochMetrics(2, 1.0, 1.2, 0.5, 9e-4, 4.25);
        run.appendMetrics(m1);
        run.appendMetrics(m2);
        assertThat(run.readMetrics(1)).containsExactly(m1);
        assertThat(run.readMetrics(2)).containsExactly(m1, m2);
    }

    @Test
    void weightsCheckpointRoundTripsExactly() throws Exception {
        ModelWeights w =
                new ModelWeights(
                        "cpmobile-s",
                        Map.of(
                                "1/weight",
                                new Tensor(
                                        new long[] {2, 1, 1, 3},
                                        new float[] {1, -2, 3.5f, 0, 1e-9f, -7}),
                                "2/gamma",
                                new Tensor(new long[] {2}, new float[] {0.5f, Float.MIN_VALUE})));
        Path file = dir.resolve("w.bin");
        WeightsFile.write(w, file);
        ModelWeights back = WeightsFile.read(file);
        assertThat(back.architecture()).isEqualTo("cpmobile-s");
        assertThat(back.asMap()).isEqualTo(w.asMap());
    }
}
