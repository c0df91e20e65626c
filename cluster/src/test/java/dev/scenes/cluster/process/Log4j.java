package dev.scenes.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The log4j2 configuration of the child JVMs: INFO to stdout, which goes to their log file. */
final class Log4j {

    private Log4j() {}

    /** Writes the configuration into {@code dir} and returns the JVM option that selects it. */
    static String option(Path dir) {
        Path file = dir.resolve("log4j2-child.properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    file,
                    String.join(
                            "\n",
                            "rootLogger.level = INFO",
                            "rootLogger.appenderRef.out.ref = out",
                            "appender.out.type = Console",
                            "appender.out.name = out",
                            "appender.out.target = SYSTEM_OUT",
                            "appender.out.layout.type = PatternLayout",
                            "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1} -"
                                    + " %msg%n",
                            // Every Kafka client registers the same metrics in a task twice.
                            "logger.metricgroup.name = org.apache.flink.runtime.metrics.groups",
                            "logger.metricgroup.level = ERROR",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return "-Dlog4j2.configurationFile=" + file.toAbsolutePath();
    }
}
