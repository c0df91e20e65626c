package dev.scenes.demo.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenes.audio.device.Device;
import dev.scenes.demo.view.ScoreSnapshot;
import dev.scenes.demo.view.Scoreboard;
import dev.scenes.demo.view.Tally;
import dev.scenes.schema.AudioChunk;
import dev.scenes.schema.AudioEncoding;
import dev.scenes.schema.SceneEvent;
import dev.scenes.sensor.sink.ChunkSink;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The truth of a segment and the scores, on a timeline whose answers are known: 1-s chunks at 8
 * kHz, with segment boundaries that do not fall on chunk boundaries.
 */
class ScoringTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final long SEGMENT_MICROS = 10_000_000L;

    private final List<String> passedOn = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final TruthRecorder truth =
            new TruthRecorder(
                    (ChunkSink) (id, c) -> passedOn.add(id + "#" + c.getSeq()), clock::get);

    @Test
    void shouldJudgeASegmentByTheSceneThatCoversMostOfIt() {
        // Chunk k covers [k - 0.5 s, k + 0.5 s) of the segment [0, 10 s): 3.5 s park, 6.5 s tram.
        long offset = -500_000;
        for (int k = 0; k < 11; k++) {
            clock.set(1_000 + k);
            feed("s1", k, T0.plusNanos((k * 1_000_000L + offset) * 1000), k < 4 ? "park" : "tram");
        }
        SegmentTruth segment = truth.truthOf("s1", micros(T0), micros(T0) + SEGMENT_MICROS);

        assertThat(segment.scene()).isEqualTo("tram");
        assertThat(segment.coveredMicros()).isEqualTo(SEGMENT_MICROS);
        // The last chunk that overlaps the segment is chunk 10 ([9.5 s, 10.5 s)).
        assertThat(segment.lastSentNanos()).isEqualTo(1_010);
        assertThat(passedOn).hasSize(11).startsWith("s1#0").endsWith("s1#10");
        assertThat(truth.currentScene("s1")).contains("tram");
        assertThat(truth.truthOf("s2", 0, SEGMENT_MICROS).known()).isFalse();
    }

    @Test
    void shouldScoreEachSegmentOnceAndSplitSeenFromUnseenDevices() {
        for (int k = 0; k < 30; k++) {
            feed("s1", k, T0.plusSeconds(k), "park");
            feed("s2", k, T0.plusSeconds(k), k < 10 ? "bus" : "metro");
        }
        Scoreboard board = new Scoreboard(truth, Map.of("s1", Device.A, "s2", Device.S5));

        board.onEvent(event("s1", 0, "park"), 5_000); // right
        board.onEvent(event("s1", 0, "park"), 5_001); // the same segment again: a duplicate
        board.onEvent(event("s1", 1, "bus"), 5_002); // wrong
        board.onEvent(event("s2", 0, "bus"), 5_003); // right
        board.onEvent(event("s2", 1, "metro"), 5_004); // right
        board.onEvent(event("s2", 5, "metro"), 5_005); // no chunks there: unscored
        board.onEvent(event("s9", 0, "park"), 5_006); // unknown sensor: unscored

        ScoreSnapshot s = board.snapshot();
        assertThat(s.events()).isEqualTo(7);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.unscored()).isEqualTo(2);
        assertThat(s.overall()).isEqualTo(new Tally(4, 3));
        assertThat(s.seenDevices()).isEqualTo(new Tally(2, 1));
        assertThat(s.unseenDevices()).isEqualTo(new Tally(2, 2));
        assertThat(s.byDevice())
                .containsExactly(Map.entry("a", new Tally(2, 1)), Map.entry("s5", new Tally(2, 2)));
        assertThat(s.rows())
                .extracting(r -> r.sensorId() + ":" + r.predicted() + ":" + r.events())
                .containsExactly("s1:bus:2", "s2:metro:3");
        assertThat(board.firstEventNanos()).isEqualTo(5_000);
    }

    @Test
    void shouldNotScoreASegmentReportedWithTooLittleAudio() {
        for (int k = 0; k < 20; k++) {
            feed("s1", k, T0.plusSeconds(k), "park");
        }
        Scoreboard board = new Scoreboard(truth, Map.of("s1", Device.A));
        SceneEvent lowCoverage =
                SceneEvent.newBuilder(event("s1", 1, "unknown"))
                        .setConfidence(0f)
                        .setProbabilities(Map.of())
                        .setCoverage(0.3f)
                        .setFlags(List.of("GAPS", "LOW_COVERAGE"))
                        .build();

        board.onEvent(event("s1", 0, "park"), 5_000); // right
        board.onEvent(lowCoverage, 5_001); // truth known, but no prediction to score

        ScoreSnapshot s = board.snapshot();
        assertThat(Scoreboard.tooLittleAudio(lowCoverage)).isTrue();
        assertThat(s.events()).isEqualTo(2);
        assertThat(s.unscored()).isEqualTo(1);
        assertThat(s.overall()).isEqualTo(new Tally(1, 1));
    }

    private void feed(String sensor, long seq, Instant start, String scene) {
        truth.accept(
                sensor,
                AudioChunk.newBuilder()
                        .setSensorId(sensor)
                        .setDevice("a")
                        .setSeq(seq)
                        .setStartTime(start)
                        .setSampleRate(8_000)
                        .setEncoding(AudioEncoding.PCM_S16LE)
                        .setSamples(ByteBuffer.wrap(new byte[2 * 8_000]))
                        .setLabels(Map.of("scene", scene))
                        .build());
    }

    private static SceneEvent event(String sensor, int segment, String scene) {
        Instant start = T0.plusSeconds(10L * segment);
        return SceneEvent.newBuilder()
                .setSensorId(sensor)
                .setSegmentStart(start)
                .setSegmentEnd(start.plusSeconds(10))
                .setScene(scene)
                .setConfidence(0.9f)
                .setProbabilities(Map.of(scene, 0.9f))
                .setModelVersion("v1")
                .setCoverage(1f)
                .setProcessedAt(start.plusSeconds(11))
                .build();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
