package dev.scenes.pipeline.testing;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps every metric a MiniCluster registers, so a test can read what
 * a real reporter (JMX, Prometheus) would be given, under the same identifiers. Metrics are kept
 * after their job ends. Enabled with {@link #configure(Configuration)}.
 *
 * <p>Identifiers follow Flink's default operator scope, {@code
 * <host>.taskmanager.<tm>.<job>.<operator>.<subtask>.<user groups>.<name>}, e.g. {@code
 * ...segment-classifier.1.scene.park.segments}.
 */
public final class MetricsProbe implements MetricReporter {

    /** One registered metric. */
    public record Entry(String jobId, String identifier, Metric metric) {}

    private static final List<Entry> METRICS = new CopyOnWriteArrayList<>();

    /** Adds the reporter to a MiniCluster's configuration. */
    public static Configuration configure(Configuration conf) {
        conf.setString("metrics.reporter.probe.factory.class", Factory.class.getName());
        return conf;
    }

    /**
     * The metrics of {@code job} on operator {@code operator} (any subtask) whose identifier ends
     * with {@code .<subtask>.<name>}, {@code name} including user groups, e.g. {@code
     * scene.park.segments}.
     */
    public static List<Entry> find(JobID job, String operator, String name) {
        Pattern pattern =
                Pattern.compile(
                        ".*\\." + Pattern.quote(operator) + "\\.\\d+\\." + Pattern.quote(name));
        return METRICS.stream()
                .filter(e -> e.jobId.equals(job.toHexString()))
                .filter(e -> pattern.matcher(e.identifier).matches())
                .toList();
    }

    /** The sum over subtasks of the counter {@code name} of {@code operator}; 0 if none. */
    public static long count(JobID job, String operator, String name) {
        return find(job, operator, name).stream()
                .mapToLong(e -> ((Counter) e.metric).getCount())
                .sum();
    }

    /** How many values the histograms {@code name} of {@code operator} saw, over subtasks. */
    public static long histogramCount(JobID job, String operator, String name) {
        return find(job, operator, name).stream()
                .mapToLong(e -> ((Histogram) e.metric).getCount())
                .sum();
    }

    /** The smallest value in the histograms {@code name} of {@code operator}. */
    public static long histogramMin(JobID job, String operator, String name) {
        return find(job, operator, name).stream()
                .filter(e -> ((Histogram) e.metric).getCount() > 0)
                .mapToLong(e -> ((Histogram) e.metric).getStatistics().getMin())
                .min()
                .orElseThrow();
    }

    /** The values of the gauges {@code name} of {@code operator}, one per subtask. */
    public static List<Object> gauges(JobID job, String operator, String name) {
        return find(job, operator, name).stream()
                .map(e -> (Object) ((Gauge<?>) e.metric).getValue())
                .toList();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String job = group.getAllVariables().get("<job_id>");
        if (job != null) {
            METRICS.add(new Entry(job, group.getMetricIdentifier(name), metric));
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept, so that a test can read the counts of a job that has ended.
    }

    /** Creates the reporter; found by Flink through {@code META-INF/services}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricsProbe();
        }
    }
}
