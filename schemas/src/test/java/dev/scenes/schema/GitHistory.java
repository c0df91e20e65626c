package dev.scenes.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Read-only access to the committed versions of files through the {@code git} command, run with the
 * repository root as working directory.
 */
final class GitHistory {

    private final Path root;

    GitHistory(Path root) {
        this.root = root;
    }

    /** The nearest directory at or above {@code start} that holds {@code .git}, if any. */
    static Optional<Path> findRepositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    Path root() {
        return root;
    }

    /** Whether the {@code git} command can be started at all. */
    boolean isAvailable() {
        try {
            return run("--version").exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether HEAD points to a commit (false in a repository without commits). */
    boolean hasCommits() throws IOException {
        return run("rev-parse", "--verify", "--quiet", "HEAD").exitCode == 0;
    }

    /** Commits that changed {@code path} (relative to the root), newest first. */
    List<String> commitsTouching(Path path) throws IOException {
        return ok(run("log", "--format=%H", "--", slashes(path))).lines().toList();
    }

    /** The content of {@code path} as committed in {@code commit}. */
    String show(String commit, Path path) throws IOException {
        return ok(run("show", commit + ":" + slashes(path)));
    }

    /** Files under {@code dir} (relative to the root) in the HEAD commit, relative to the root. */
    List<Path> filesAtHead(Path dir) throws IOException {
        return ok(run("ls-tree", "-r", "--name-only", "HEAD", "--", slashes(dir)))
                .lines()
                .map(Path::of)
                .toList();
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private record Result(List<String> command, int exitCode, String out, String err) {}

    private static String ok(Result result) {
        if (result.exitCode != 0) {
            throw new IllegalStateException(
                    String.join(" ", result.command)
                            + " failed with exit code "
                            + result.exitCode
                            + ": "
                            + result.err.strip());
        }
        return result.out;
    }

    private Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        // Variables set by git hooks would point these commands at another repository.
        builder.environment().keySet().removeIf(key -> key.startsWith("GIT_"));
        Process process = builder.start();
        CompletableFuture<String> err =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command, e);
        }
        return new Result(command, process.exitValue(), out, err.join());
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
