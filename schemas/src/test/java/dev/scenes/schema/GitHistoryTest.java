package dev.scenes.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history walk of {@link SchemaHistoryCompatibilityTest}, on a throwaway repository with two
 * commits and an incompatible change in the working tree.
 */
class GitHistoryTest {

    private static final Path SCHEMA = Path.of("schemas/src/main/avro/t/Reading.avsc");
    private static final String V1 =
            """
            {"type": "record", "name": "Reading", "namespace": "t", "fields": [
              {"name": "level", "type": "float"}]}
            """;
    private static final String V2 =
            """
            {"type": "record", "name": "Reading", "namespace": "t", "fields": [
              {"name": "level", "type": "float"},
              {"name": "site", "type": ["null", "string"], "default": null}]}
            """;
    private static final String V3_INCOMPATIBLE =
            """
            {"type": "record", "name": "Reading", "namespace": "t", "fields": [
              {"name": "level", "type": "string"},
              {"name": "site", "type": ["null", "string"], "default": null}]}
            """;

    @TempDir Path repository;

    @BeforeEach
    void checkGit() {
        assumeTrue(new GitHistory(Path.of(".")).isAvailable(), "the git command cannot be run");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "git",
                                "-c",
                                "user.name=Schema Test",
                                "-c",
                                "user.email=schema-test@example.invalid",
                                "-c",
                                "commit.gpgsign=false",
                                "-c",
                                "core.hooksPath=/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(repository.toFile())
                        .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", args, output).isZero();
    }

    private void commit(String content, String message) throws Exception {
        write(content);
        git("add", SCHEMA.toString());
        git("commit", "-q", "-m", message);
    }

    private void write(String content) throws IOException {
        Files.createDirectories(repository.resolve(SCHEMA).getParent());
        Files.writeString(repository.resolve(SCHEMA), content);
    }

    @Test
    void shouldReportNoCommitsInAFreshRepository() throws Exception {
        git("init", "-q");

        assertThat(new GitHistory(repository).hasCommits()).isFalse();
    }

    @Test
    void shouldFindTheRootFromTheModuleDirectory() throws Exception {
        git("init", "-q");
        Path module = Files.createDirectories(repository.resolve("schemas"));

        assertThat(GitHistory.findRepositoryRoot(module)).contains(repository.toAbsolutePath());
    }

    @Test
    void shouldListEveryCommittedVersionNewestFirst() throws Exception {
        git("init", "-q");
        commit(V1, "v1");
        commit(V2, "v2");
        GitHistory history = new GitHistory(repository);

        List<String> commits = history.commitsTouching(SCHEMA);

        assertThat(history.hasCommits()).isTrue();
        assertThat(commits).hasSize(2);
        assertThat(history.show(commits.get(0), SCHEMA)).isEqualTo(V2);
        assertThat(history.show(commits.get(1), SCHEMA)).isEqualTo(V1);
        assertThat(history.show("HEAD", SCHEMA)).isEqualTo(V2);
        assertThat(history.filesAtHead(Path.of("schemas/src/main/avro"))).containsExactly(SCHEMA);
    }

    @Test
    void shouldCatchAnIncompatibleWorkingTreeChangeAgainstEveryCommit() throws Exception {
        git("init", "-q");
        commit(V1, "v1");
        commit(V2, "v2");
        write(V3_INCOMPATIBLE);
        GitHistory history = new GitHistory(repository);
        Schema workingTree = new Schema.Parser().parse(repository.resolve(SCHEMA).toFile());

        for (String commit : history.commitsTouching(SCHEMA)) {
            Schema committed = new Schema.Parser().parse(history.show(commit, SCHEMA));
            assertThat(SchemaEvolutionCheck.incompatibilities(workingTree, committed))
                    .containsExactly(
                            "TYPE_MISMATCH at Reading.level: reader type: STRING not compatible"
                                    + " with writer type: FLOAT");
        }
        Schema v2 = new Schema.Parser().parse(V2);
        Schema v1 = new Schema.Parser().parse(V1);
        assertThat(SchemaEvolutionCheck.incompatibilities(v2, v1)).isEmpty();
    }
}
