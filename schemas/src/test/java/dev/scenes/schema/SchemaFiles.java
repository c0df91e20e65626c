package dev.scenes.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The {@code .avsc} files of this module, read from the source tree (tests run in the module). */
final class SchemaFiles {

    /** Where the avro-maven-plugin reads schemas from. */
    static final Path ROOT = Path.of("src/main/avro");

    private SchemaFiles() {}

    /** Every schema file under {@link #ROOT}, sorted. */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT.toAbsolutePath(), e);
        }
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
