package dev.scenes.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.audio.cli.CliLauncher;
import dev.scenes.trainer.testing.TinyEsc10;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCliTest {

    @TempDir Path tmp;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                CliLauncher.run(
                        new TrainerCli(),
                        args,
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void evaluateOnAMissingModelSaysSoInOneLine() throws Exception {
        Path data = TinyEsc10.create(tmp.resolve("d"), 2, 3);
        Run r =
                run(
                        "evaluate",
                        "--model",
                        tmp.resolve("nope.onnx").toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        tmp.resolve("report").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("nope.onnx")
                .contains("no such file");
    }

    @Test
    void evaluateOnAFileThatIsNotAModelSaysSoInOneLine() throws Exception {
        Path data = TinyEsc10.create(tmp.resolve("d"), 2, 3);
        Path bogus = Files.writeString(tmp.resolve("bogus.onnx"), "not a model");
        Run r =
                run(
                        "evaluate",
                        "--model",
                        bogus.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        tmp.resolve("report").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("bogus.onnx");
    }

    @Test
    void trainRefusesAnUnknownArchitectureBeforeAnyWork() throws Exception {
        Path data = TinyEsc10.create(tmp.resolve("d"), 2, 3);
        Run r =
                run(
                        "train",
                        "--data",
                        data.toString(),
                        "--arch",
                        "resnet-152",
                        "--out",
                        tmp.resolve("run").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("resnet-152")
                .contains("cpmobile-s");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void trainRefusesAnUnknownFloatLayersValueAsABadOption() throws Exception {
        Path data = TinyEsc10.create(tmp.resolve("d"), 2, 3);
        Run r =
                run(
                        "train",
                        "--data",
                        data.toString(),
                        "--float-layers",
                        "all",
                        "--out",
                        tmp.resolve("run").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("--float-layers all")
                .contains("none, first-conv");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void trainRefusesAnUnknownExportEpochAsABadOption() throws Exception {
        Path data = TinyEsc10.create(tmp.resolve("d2"), 2, 3);
        Run r =
                run(
                        "train",
                        "--data",
                        data.toString(),
                        "--export-epoch",
                        "middle",
                        "--out",
                        tmp.resolve("run2").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("--export-epoch is 'middle'")
                .contains("expected best or last");
        assertThat(tmp.resolve("run2")).doesNotExist();
    }
}
