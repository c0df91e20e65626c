package dev.scenes.sensor.fleet;

import dev.scenes.audio.synth.City;
import dev.scenes.audio.synth.EventLibrary;
import dev.scenes.audio.synth.SceneSchedule;
import dev.scenes.audio.synth.SensorStream;
import dev.scenes.audio.synth.SynthKnobs;
import dev.scenes.schema.AudioChunk;
import dev.scenes.sensor.pace.Pacer;
import dev.scenes.sensor.pace.Ticker;
import dev.scenes.sensor.sink.ChunkSink;
import dev.scenes.sensor.sink.DeliveryStats;
import dev.scenes.sensor.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated sensors: each a {@link SensorStream} with its own device, city, location,
 * seed and random scene schedule (a new scene every few minutes), whose chunks carry the true scene
 * in their labels ({@code scene}, {@code scene.share}, {@code crossfade}; see {@link
 * dev.scenes.audio.synth.ChunkTruth}).
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder().sensors(50).speed(1).seed(7).build();
 * try (KafkaChunkSink kafka = KafkaChunkSink.open(connection, "audio-chunks", "scenes-fleet")) {
 *     fleet.start((id, chunk) -> { truth.put(id, chunk.getLabels().get("scene")); kafka.accept(id, chunk); });
 *     ...
 *     fleet.stop();
 * }
 * }</pre>
 *
 * <p><b>Time.</b> Timestamps are simulated time: chunk {@code k} of every sensor starts at {@code
 * startTime + k * chunk}. At speed {@code N} the chunks of simulated second {@code t} leave at
 * {@code t / N} seconds of wall time after the start (drift-free, {@link Pacer}); speed 0 sends as
 * fast as the machine generates. The start time is the builder's, else now; except that a bounded
 * run ({@link Builder#duration}) faster than real time starts early enough that simulated time
 * reaches now only when the run ends, so no chunk lies in the future of the job's clock (the job
 * rejects chunks more than 5 minutes ahead). An endless run faster than real time does run ahead.
 *
 * <p><b>Threads.</b> Sensors are dealt round-robin to {@code threads} workers (default: one per
 * core, at most one per sensor). Per tick a worker synthesizes the next chunk of each of its
 * sensors, waits for the tick's time, and hands the chunks to the sink; a sensor's chunks are thus
 * handed over in order by one thread. Synthesis runs at about 250 times real time per core, so two
 * cores keep up with a few hundred sensors at speed 1.
 *
 * <p>The caller owns the sink: {@link #stop()} flushes it but does not close it.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final Builder config;
    private final List<SimulatedSensor> sensors;
    private final LongAdder chunks = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final LongAdder acceptErrors = new LongAdder();
    private final AtomicReference<String> lastAcceptError = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> workers = new ArrayList<>();
    private AtomicLongArray progressMicros = new AtomicLongArray(0);
    private AtomicLongArray lagNanos = new AtomicLongArray(0);
    private volatile boolean stopping;
    private ChunkSink sink;
    private Instant startTime;
    private boolean flushed;

    private Fleet(Builder config) {
        this.config = config;
        List<SimulatedSensor> list = new ArrayList<>();
        int width = Math.max(3, Integer.toString(config.sensors).length());
        for (int i = 0; i < config.sensors; i++) {
            SplittableRandom rng = new SplittableRandom(config.seed * 0x9E3779B97F4A7C15L + i);
            long seed = rng.nextLong();
            City city = City.values()[rng.nextInt(City.values().length)];
            int locationId = 1000 + i;
            String id = config.idPrefix + String.format("%0" + width + "d", i + 1);
            SensorInfo info =
                    new SensorInfo(
                            id,
                            i,
                            config.devices.deviceOf(i),
                            city,
                            locationId,
                            seed,
                            city.label() + "/" + locationId);
            double sceneSeconds = config.sceneMinutes * 60;
            SensorStream stream =
                    new SensorStream(
                            SceneSchedule.random(seed, sceneSeconds * 0.5, sceneSeconds * 1.5),
                            city,
                            locationId,
                            info.device(),
                            seed,
                            config.knobs,
                            config.events);
            list.add(new SimulatedSensor(info, stream));
        }
        this.sensors = List.copyOf(list);
    }

    /** A builder with the defaults: 10 sensors, speed 1, seed 1, all nine devices, 1-s chunks. */
    public static Builder builder() {
        return new Builder();
    }

    /** The sensors, in order. */
    public List<SensorInfo> sensors() {
        return sensors.stream().map(SimulatedSensor::info).toList();
    }

    /** Audio seconds per wall second; 0 = as fast as possible. */
    public double speed() {
        return config.speed;
    }

    /** The chunk length in milliseconds. */
    public int chunkMillis() {
        return config.chunkMillis;
    }

    /** How much audio each sensor makes, or empty for an endless run. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(config.duration);
    }

    /** The simulated time of the first chunk; known once started. */
    public synchronized Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    /**
     * Starts the workers; chunks go to {@code sink} until the duration is reached or {@link
     * #stop()}.
     *
     * @throws IllegalStateException if the fleet was started before
     */
    public synchronized void start(ChunkSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (this.sink != null) {
            throw new IllegalStateException("a fleet starts once; build another one");
        }
        this.sink = sink;
        startTime = resolveStart(config.clock.instant());
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, startTime);
        for (SimulatedSensor s : sensors) {
            s.startAt(startMicros);
        }
        int threads = Math.min(config.threads, sensors.size());
        progressMicros = new AtomicLongArray(threads);
        lagNanos = new AtomicLongArray(threads);
        long originNanos = config.ticker.nanoTime();
        for (int t = 0; t < threads; t++) {
            List<SimulatedSensor> mine = new ArrayList<>();
            for (int i = t; i < sensors.size(); i += threads) {
                mine.add(sensors.get(i));
            }
            int index = t;
            Thread worker = new Thread(() -> work(index, mine, originNanos), "fleet-worker-" + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        LOG.info(
                "fleet of {} sensors on {} threads: {} chunks, speed {}, simulated time from {}{}",
                sensors.size(),
                threads,
                config.chunkMillis + " ms",
                config.speed == 0 ? "unpaced" : config.speed + "x",
                startTime,
                config.duration == null ? "" : " for " + config.duration);
        workers.forEach(Thread::start);
    }

    private Instant resolveStart(Instant now) {
        Instant start = config.startTime;
        if (start == null) {
            start = now;
            if (config.duration != null && (config.speed == 0 || config.speed > 1)) {
                double ahead = 1 - (config.speed == 0 ? 0 : 1 / config.speed);
                start = now.minusNanos(Math.round(config.duration.toNanos() * ahead));
            }
        }
        return start.truncatedTo(ChronoUnit.MICROS);
    }

    private void work(int index, List<SimulatedSensor> mine, long originNanos) {
        int rate = mine.get(0).sampleRate();
        int chunkSamples = (int) Math.round(rate * config.chunkMillis / 1000.0);
        long total =
                config.duration == null
                        ? Long.MAX_VALUE
                        : Math.round(config.duration.toNanos() / 1e9 * rate);
        Pacer pacer = new Pacer(config.ticker, config.speed, () -> stopping);
        pacer.start(originNanos);
        float[] scratch = new float[chunkSamples];
        List<AudioChunk> tick = new ArrayList<>(mine.size());
        try {
            for (long done = 0; done < total && !stopping; ) {
                int n = (int) Math.min(chunkSamples, total - done);
                tick.clear();
                for (SimulatedSensor s : mine) {
                    if (stopping) {
                        return;
                    }
                    tick.add(s.next(scratch, n));
                }
                done += n;
                long tickEndMicros = done * 1_000_000L / rate;
                if (!pacer.awaitAudioTime(tickEndMicros)) {
                    return;
                }
                lagNanos.set(index, pacer.lagNanos(tickEndMicros));
                for (int i = 0; i < tick.size(); i++) {
                    String id = mine.get(i).info().id();
                    try {
                        sink.accept(id, tick.get(i));
                        chunks.increment();
                        samples.add(n);
                    } catch (RuntimeException e) {
                        acceptErrors.increment();
                        lastAcceptError.set(
                                "sensor "
                                        + id
                                        + ": "
                                        + e.getClass().getSimpleName()
                                        + ": "
                                        + e.getMessage());
                        if (acceptErrors.sum() <= 5) {
                            LOG.warn("the sink refused a chunk of sensor {}: {}", id, e.toString());
                        }
                    }
                }
                progressMicros.set(index, tickEndMicros);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (failure.compareAndSet(null, e)) {
                LOG.error("fleet worker {} failed; stopping the fleet: {}", index, e.toString());
            }
            stopping = true;
        }
    }

    /**
     * Waits until every sensor has made its {@link Builder#duration} of audio (or the fleet was
     * stopped or failed), then flushes the sink.
     *
     * @return false if the timeout passed first
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : workersSnapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            worker.join(Math.max(1, left / 1_000_000L));
            if (worker.isAlive()) {
                return false;
            }
        }
        flushOnce();
        return true;
    }

    /** Whether a worker still runs. */
    public boolean isRunning() {
        return workersSnapshot().stream().anyMatch(Thread::isAlive);
    }

    /** Stops the workers after the chunks in hand (waits up to 30 s), then flushes the sink. */
    public void stop() {
        stopping = true;
        for (Thread worker : workersSnapshot()) {
            try {
                worker.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (worker.isAlive()) {
                LOG.warn("{} did not stop within {}", worker.getName(), JOIN_TIMEOUT);
            }
        }
        flushOnce();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The failure that stopped the fleet, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The counters so far; cheap, safe from any thread. */
    public FleetStats stats() {
        ChunkSink current;
        Instant start;
        AtomicLongArray progress;
        AtomicLongArray lags;
        synchronized (this) {
            current = sink;
            start = startTime;
            progress = progressMicros;
            lags = lagNanos;
        }
        DeliveryStats delivery = current == null ? DeliveryStats.NONE : current.delivery();
        long handed = chunks.sum();
        long refused = acceptErrors.sum();
        long minProgress = Long.MAX_VALUE;
        long maxLag = 0;
        for (int i = 0; i < progress.length(); i++) {
            minProgress = Math.min(minProgress, progress.get(i));
            maxLag = Math.max(maxLag, lags.get(i));
        }
        Instant until =
                start == null
                        ? null
                        : start.plus(progress.length() == 0 ? 0 : minProgress, ChronoUnit.MICROS);
        String lastError =
                delivery.lastError() != null ? delivery.lastError() : lastAcceptError.get();
        return new FleetStats(
                sensors.size(),
                handed,
                samples.sum() / (double) sensors.get(0).sampleRate(),
                delivery.reports() ? delivery.delivered() : handed,
                refused + delivery.failed(),
                lastError,
                until,
                maxLag / 1e9);
    }

    private synchronized List<Thread> workersSnapshot() {
        return List.copyOf(workers);
    }

    private void flushOnce() {
        ChunkSink current;
        synchronized (this) {
            if (flushed || sink == null) {
                return;
            }
            flushed = true;
            current = sink;
        }
        try {
            current.flush();
        } catch (RuntimeException e) {
            LOG.warn("flushing the sink failed: {}", e.toString());
        }
    }

    /** Settings of a fleet; every setter checks its value at once. */
    public static final class Builder {
        private int sensors = 10;
        private String idPrefix = "sim-";
        private double speed = 1;
        private long seed = 1;
        private DeviceMix devices = DeviceMix.defaults();
        private SynthKnobs knobs = SynthKnobs.defaults();
        private EventLibrary events = EventLibrary.empty();
        private Instant startTime;
        private int chunkMillis = 1000;
        private double sceneMinutes = 3;
        private Duration duration;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();

        private Builder() {}

        /** How many sensors, 1..100000 (default 10). */
        public Builder sensors(int count) {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException(
                        "sensor count is " + count + "; expected 1..100000");
            }
            this.sensors = count;
            return this;
        }

        /** The id prefix: ids are prefix + number from 001 (default {@code sim-}). */
        public Builder idPrefix(String prefix) {
            StreamSettings.requireSensorId(Objects.requireNonNull(prefix, "prefix") + "1");
            this.idPrefix = prefix;
            return this;
        }

        /** Simulated seconds per wall second (default 1); 0 = as fast as possible. */
        public Builder speed(double speed) {
            if (!(speed >= 0) || speed > 1e6) {
                throw new IllegalArgumentException(
                        "speed is " + speed + "; expected 0 (as fast as possible) or 0..1000000");
            }
            this.speed = speed;
            return this;
        }

        /** The seed of every sensor's place, device noise, schedule and sounds (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Which device each sensor has (default {@link DeviceMix#defaults()}). */
        public Builder devices(DeviceMix devices) {
            this.devices = Objects.requireNonNull(devices, "devices");
            return this;
        }

        /** The synthesizer's difficulty knobs (default {@link SynthKnobs#defaults()}). */
        public Builder knobs(SynthKnobs knobs) {
            this.knobs = Objects.requireNonNull(knobs, "knobs");
            return this;
        }

        /** Real recordings mixed into the scenes (default none). */
        public Builder events(EventLibrary events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The simulated time of the first chunk; {@code null} (default) for now (see the class
         * comment for bounded runs faster than real time).
         */
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** The chunk length, 10..10000 ms (default 1000). */
        public Builder chunkMillis(int chunkMillis) {
            StreamSettings.requireChunkMillis(chunkMillis);
            this.chunkMillis = chunkMillis;
            return this;
        }

        /**
         * The mean time between scene changes, in minutes (default 3); each scene lasts a uniform
         * 0.5..1.5 times this.
         */
        public Builder sceneMinutes(double minutes) {
            if (!(minutes >= 0.05 && minutes <= 100_000)) {
                throw new IllegalArgumentException(
                        "scene minutes is " + minutes + "; expected 0.05..100000");
            }
            this.sceneMinutes = minutes;
            return this;
        }

        /** How much audio each sensor makes; {@code null} (default) for no end. */
        public Builder duration(Duration duration) {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException(
                        "duration is " + duration + "; expected a positive duration");
            }
            this.duration = duration;
            return this;
        }

        /** Worker threads (default: one per core; never more than sensors). */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads is " + threads + "; expected 1..1024");
            }
            this.threads = threads;
            return this;
        }

        /** The wall clock that gives "now" for the start time (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic clock the pacing waits on (tests). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The fleet; its sensors are created now, their audio when it starts. */
        public Fleet build() {
            return new Fleet(copy());
        }

        private Builder copy() {
            Builder b = new Builder();
            b.sensors = sensors;
            b.idPrefix = idPrefix;
            b.speed = speed;
            b.seed = seed;
            b.devices = devices;
            b.knobs = knobs;
            b.events = events;
            b.startTime = startTime;
            b.chunkMillis = chunkMillis;
            b.sceneMinutes = sceneMinutes;
            b.duration = duration;
            b.threads = threads;
            b.clock = clock;
            b.ticker = ticker;
            return b;
        }
    }
}
