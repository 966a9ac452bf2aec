package dev.pacer.bootstrap;

import static dev.pacer.bootstrap.LatencyBuckets.HIGHEST_TRACKABLE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests the hot path through its static recorder table. The table only grows and every test class of this JVM
 * shares it, so this class installs one recorder once, at the next free id, and measures the {@link AgentErrors}
 * counters as differences.
 */
class MethodTimerTest {

    private static final long JOIN_TIMEOUT_MILLIS = 30_000;
    private static final long ONE_HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

    private static final StripedLatencyRecorder RECORDER = new StripedLatencyRecorder();
    private static int methodId;

    private long negativeBefore;
    private long overflowsBefore;
    private long unknownBefore;
    private long suppressedBefore;

    @BeforeAll
    static void installRecorder() {
        methodId = installAtNextFreeId(RECORDER);
    }

    @BeforeEach
    void resetState() {
        drain();
        MethodTimer.setThrownListener(null);
        negativeBefore = AgentErrors.negativeDurationCount();
        overflowsBefore = AgentErrors.overflowCount();
        unknownBefore = AgentErrors.unknownMethodIdCount();
        suppressedBefore = AgentErrors.suppressedCount();
    }

    @AfterEach
    void removeListener() {
        MethodTimer.setThrownListener(null);
    }

    @Test
    void recordLandsInRecorder() {
        long elapsedNanos = TimeUnit.MILLISECONDS.toNanos(5);
        long startNanos = System.nanoTime() - elapsedNanos;

        MethodTimer.record(methodId, startNanos, null);
        long maxDurationNanos = System.nanoTime() - startNanos;

        List<long[]> drained = drain();
        assertThat(drained).hasSize(1);
        assertThat(drained.get(0)[1]).as("count").isEqualTo(1);
        assertThat(drained.get(0)[0]).as("lowest value")
                .isBetween(lowestEquivalent(elapsedNanos), maxDurationNanos);
    }

    @Test
    void recordCountsEveryCall() {
        long startNanos = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            MethodTimer.record(methodId, startNanos, null);
        }

        long total = drain().stream().mapToLong(slot -> slot[1]).sum();

        assertThat(total).isEqualTo(1_000);
    }

    @Test
    void negativeDurationIsDropped() {
        MethodTimer.record(methodId, System.nanoTime() + ONE_HOUR_NANOS, null);

        assertThat(drain()).isEmpty();
    }

    @Test
    void negativeDurationIsCounted() {
        MethodTimer.record(methodId, System.nanoTime() + ONE_HOUR_NANOS, null);

        assertThat(AgentErrors.negativeDurationCount() - negativeBefore).isEqualTo(1);
    }

    @Test
    void hugeDurationIsClamped() {
        MethodTimer.record(methodId, System.nanoTime() - 2 * HIGHEST_TRACKABLE_NANOS, null);

        List<long[]> drained = drain();
        assertThat(drained).hasSize(1);
        assertThat(drained.get(0)[0]).isEqualTo(lowestEquivalent(HIGHEST_TRACKABLE_NANOS));
    }

    @Test
    void hugeDurationCountsOverflow() {
        MethodTimer.record(methodId, System.nanoTime() - 2 * HIGHEST_TRACKABLE_NANOS, null);

        assertThat(AgentErrors.overflowCount() - overflowsBefore).isEqualTo(1);
    }

    @Test
    void unknownIdIsCounted() {
        MethodTimer.record(Integer.MAX_VALUE, System.nanoTime(), null);
        MethodTimer.record(-1, System.nanoTime(), null);

        assertThat(AgentErrors.unknownMethodIdCount() - unknownBefore).isEqualTo(2);
    }

    @Test
    void unknownIdRecordsNothing() {
        MethodTimer.record(methodId + 1_000_000, System.nanoTime(), null);

        assertThat(drain()).isEmpty();
    }

    @Test
    void pacerThreadIsNotRecorded() throws InterruptedException {
        Thread agentThread = new PacerThread("test", () -> MethodTimer.record(methodId, System.nanoTime(), null));
        agentThread.start();
        agentThread.join(JOIN_TIMEOUT_MILLIS);

        assertThat(agentThread.isAlive()).isFalse();
        assertThat(drain()).isEmpty();
    }

    @Test
    void agentScopeIsNotRecorded() {
        AgentScope.enter();
        try {
            MethodTimer.record(methodId, System.nanoTime(), null);
        } finally {
            AgentScope.exit();
        }

        assertThat(drain()).isEmpty();
    }

    @Test
    void scopeOfOtherThreadIsIgnored() throws InterruptedException {
        Thread application = new Thread(() -> MethodTimer.record(methodId, System.nanoTime(), null));

        AgentScope.enter();
        try {
            application.start();
            application.join(JOIN_TIMEOUT_MILLIS);
        } finally {
            AgentScope.exit();
        }

        assertThat(application.isAlive()).isFalse();
        assertThat(drain()).hasSize(1);
    }

    @Test
    void recordResumesAfterAgentScope() {
        AgentScope.enter();
        AgentScope.enter();
        AgentScope.exit();
        AgentScope.exit();

        MethodTimer.record(methodId, System.nanoTime(), null);

        assertThat(drain()).hasSize(1);
    }

    @Test
    void listenerReceivesException() {
        List<Integer> ids = new ArrayList<>();
        List<Throwable> received = new ArrayList<>();
        MethodTimer.setThrownListener((id, thrown) -> {
            ids.add(id);
            received.add(thrown);
        });
        IllegalStateException thrown = new IllegalStateException("boom");

        MethodTimer.record(methodId, System.nanoTime(), thrown);

        assertThat(ids).containsExactly(methodId);
        assertThat(received).containsExactly(thrown);
    }

    @Test
    void failedCallIsAlsoTimed() {
        MethodTimer.setThrownListener((id, thrown) -> { });

        MethodTimer.record(methodId, System.nanoTime(), new RuntimeException("boom"));

        assertThat(drain()).hasSize(1);
    }

    @Test
    void listenerRunsInsideAgentScope() {
        AtomicBoolean insideScope = new AtomicBoolean();
        MethodTimer.setThrownListener((id, thrown) -> insideScope.set(AgentScope.isAgentCode(Thread.currentThread())));

        MethodTimer.record(methodId, System.nanoTime(), new RuntimeException("boom"));

        assertThat(insideScope).isTrue();
        assertThat(AgentScope.isAgentCode(Thread.currentThread())).isFalse();
    }

    @Test
    void throwingListenerDoesNotPropagate() {
        MethodTimer.setThrownListener((id, thrown) -> {
            throw new IllegalArgumentException("listener failed");
        });

        assertThatNoException().isThrownBy(
                () -> MethodTimer.record(methodId, System.nanoTime(), new RuntimeException("boom")));
    }

    @Test
    void throwingListenerIsCounted() {
        IllegalArgumentException listenerFailure = new IllegalArgumentException("listener failed");
        MethodTimer.setThrownListener((id, thrown) -> {
            throw listenerFailure;
        });

        MethodTimer.record(methodId, System.nanoTime(), new RuntimeException("boom"));

        assertThat(AgentErrors.suppressedCount() - suppressedBefore).isEqualTo(1);
        assertThat(AgentErrors.lastSuppressed()).isSameAs(listenerFailure);
    }

    @Test
    void throwingListenerLeavesAgentScope() {
        MethodTimer.setThrownListener((id, thrown) -> {
            throw new IllegalArgumentException("listener failed");
        });
        MethodTimer.record(methodId, System.nanoTime(), new RuntimeException("boom"));
        drain();

        MethodTimer.record(methodId, System.nanoTime(), null);

        assertThat(drain()).hasSize(1);
    }

    @Test
    void installRejectsSkippedId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MethodTimer.install(Integer.MAX_VALUE, new StripedLatencyRecorder()))
                .withMessageContaining("is not the next free id");
    }

    /** Installs a recorder at the first id that the shared table accepts and returns that id. */
    private static int installAtNextFreeId(StripedLatencyRecorder recorder) {
        for (int id = 0; id < 100_000; id++) {
            try {
                MethodTimer.install(id, recorder);
                return id;
            } catch (IllegalStateException taken) {
                // The id is already installed; try the next one.
            }
        }
        throw new IllegalStateException("no free method id below 100000");
    }

    private static long lowestEquivalent(long valueNanos) {
        int bucket = LatencyBuckets.bucketIndex(valueNanos);
        return LatencyBuckets.lowestValue(bucket, LatencyBuckets.slotIndex(valueNanos, bucket));
    }

    /** Drains the test's recorder and returns each non-zero slot as {lowest value, count}. */
    private static List<long[]> drain() {
        List<long[]> drained = new ArrayList<>();
        RECORDER.drainTo((lowestValueNanos, count) -> drained.add(new long[] {lowestValueNanos, count}));
        return drained;
    }
}
