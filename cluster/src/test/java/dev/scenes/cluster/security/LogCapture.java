package dev.scenes.cluster.security;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs at INFO and above while it is open (the embedded broker, Kafka clients'
 * configuration dumps, our own code), kept in memory instead of the console, so a test can search
 * it for secrets. Closing restores the previous configuration of the root logger.
 */
final class LogCapture implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final LoggerConfig root;
    private final Level previousLevel;
    private final java.util.Map<String, Appender> previousAppenders;
    private final WriterAppender appender;

    LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        root = config.getRootLogger();
        previousLevel = root.getLevel();
        previousAppenders = new java.util.HashMap<>(root.getAppenders());
        appender =
                WriterAppender.newBuilder()
                        .setName("secret-scan")
                        .setTarget(text)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern(
                                                "%d{HH:mm:ss.SSS} %-5level %c - %msg%n%throwable")
                                        .build())
                        .build();
        appender.start();
        config.addAppender(appender);
        previousAppenders.keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    /** What was logged so far. */
    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        previousAppenders.values().forEach(a -> root.addAppender(a, null, null));
        root.setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
    }
}
