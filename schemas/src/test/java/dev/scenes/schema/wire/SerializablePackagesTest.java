package dev.scenes.schema.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.schema.SampleRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Avro 1.12.1's {@code SERIALIZABLE_PACKAGES} trust check, pinned down in child JVMs that start
 * without the property, like a TaskManager that nobody configured: our records decode on both of
 * Avro's read paths; the check applies only to {@code java-class} strings and only on the slow path
 * ({@code org.apache.avro.fastread=false}); the property counts only if set at startup.
 */
class SerializablePackagesTest {

    private static final String FAST_READ = "-Dorg.apache.avro.fastread";

    @TempDir static Path records;

    @BeforeAll
    static void writeOneRecordOfEachTypeToFiles() throws IOException {
        for (SpecificRecord record : SampleRecords.oneOfEach()) {
            Files.write(records.resolve(record.getSchema().getName() + ".bin"), encode(record));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(T record) {
        return WireCodec.of((Class<T>) record.getClass()).encode(record);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> String decodedHere(T record) {
        WireCodec<T> codec = WireCodec.of((Class<T>) record.getClass());
        return FreshJvmDecoder.canonical(codec.decode(codec.encode(record)));
    }

    /** Runs {@link FreshJvmDecoder} in a new JVM and returns its output as key=value pairs. */
    private static Map<String, String> runChildJvm(List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        FreshJvmDecoder.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Options from the environment would reach the child JVM; it must start clean.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(process.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
        return output.lines()
                .filter(line -> line.contains("="))
                .collect(
                        Collectors.toMap(
                                line -> line.substring(0, line.indexOf('=')),
                                line -> line.substring(line.indexOf('=') + 1)));
    }

    @ParameterizedTest(name = "org.apache.avro.fastread={0}")
    @ValueSource(booleans = {true, false})
    void shouldDecodeEveryRecordInAFreshJvmStartedWithoutTheProperty(boolean fastRead)
            throws Exception {
        Map<String, String> child =
                runChildJvm(List.of(FAST_READ + "=" + fastRead), records.toString());

        assertThat(child).containsEntry("property", "null");
        assertThat(child).containsEntry("fastread", String.valueOf(fastRead));
        for (SpecificRecord record : SampleRecords.oneOfEach()) {
            assertThat(child).containsEntry(record.getSchema().getName(), decodedHere(record));
        }
    }

    @Test
    void shouldNotCheckTrustAtAllOnAvrosDefaultFastReadPath() throws Exception {
        Map<String, String> child = runChildJvm(List.of(), records.toString());

        assertThat(child).containsEntry("fastread", "true");
        assertThat(child).containsEntry("probe", "ok java.net.URI");
    }

    @Test
    void shouldRefuseAJavaClassFromAnUntrustedPackageOnTheSlowReadPath() throws Exception {
        Map<String, String> child = runChildJvm(List.of(FAST_READ + "=false"), records.toString());

        assertThat(child.get("probe"))
                .startsWith("SecurityException Forbidden java.net.URI! This class is not trusted");
    }

    @Test
    void shouldTrustAJavaClassWhosePackageIsPassedAtStartup() throws Exception {
        Map<String, String> child =
                runChildJvm(
                        List.of(
                                FAST_READ + "=false",
                                "-D" + FreshJvmDecoder.PROPERTY + "=dev.scenes.schema,java.net"),
                        records.toString());

        assertThat(child).containsEntry("probe", "ok java.net.URI");
    }

    @Test
    void shouldIgnoreThePropertyWhenSetAfterAvrosReaderClassWasInitialised() throws Exception {
        Map<String, String> child =
                runChildJvm(List.of(FAST_READ + "=false"), records.toString(), "set-property-late");

        assertThat(child.get("probe")).startsWith("SecurityException Forbidden java.net.URI!");
    }

    @Test
    void shouldKeepEverySchemaFreeOfTheJavaClassPropertiesThatTheTrustCheckGuards() {
        for (WireCodec<?> codec : WireCodec.all()) {
            List<String> found = new ArrayList<>();
            collectJavaProps(codec.schema(), codec.schema().getName(), found, new HashSet<>());
            assertThat(found)
                    .as(
                            "java-class style properties make Avro 1.12 demand %s on every"
                                    + " decoding JVM",
                            FreshJvmDecoder.PROPERTY)
                    .isEmpty();
        }
        List<String> probe = new ArrayList<>();
        collectJavaProps(FreshJvmDecoder.PROBE, "Probe", probe, new HashSet<>());
        assertThat(probe)
                .as("the check itself finds them")
                .containsExactly("Probe.link: java-class");
    }

    private static void collectJavaProps(
            Schema schema, String path, List<String> found, Set<String> seen) {
        schema.getObjectProps().keySet().stream()
                .filter(key -> key.startsWith("java-"))
                .forEach(key -> found.add(path + ": " + key));
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    for (Schema.Field field : schema.getFields()) {
                        String fieldPath = path + "." + field.name();
                        field.getObjectProps().keySet().stream()
                                .filter(key -> key.startsWith("java-"))
                                .forEach(key -> found.add(fieldPath + ": " + key));
                        collectJavaProps(field.schema(), fieldPath, found, seen);
                    }
                }
            }
            case ARRAY -> collectJavaProps(schema.getElementType(), path + "[]", found, seen);
            case MAP -> collectJavaProps(schema.getValueType(), path + "{}", found, seen);
            case UNION -> schema.getTypes().forEach(t -> collectJavaProps(t, path, found, seen));
            default -> {}
        }
    }
}
