package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineCombinerTest {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).as("caller threads ended").isTrue();
    }

    /** Records each batch and replies ten times each request, unless the request is negative, which fails. */
    private void reply(List<PipelineCombiner.Call<Integer>> calls) {
        List<Integer> requests = new ArrayList<>();
        for (PipelineCombiner.Call<Integer> call : calls) {
            requests.add(call.request());
            if (call.request() < 0) {
                call.fail(new IllegalArgumentException("negative request " + call.request()));
            } else {
                call.complete(call.request() * 10);
            }
        }
        batches.add(requests);
    }

    @Test
    void singleCallerSendsItsOwnRequest() {
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(2, 8, this::reply);

        assertThat(combiner.call(7, TIMEOUT_NANOS)).isEqualTo(70);
        assertThat(combiner.call(8, TIMEOUT_NANOS)).isEqualTo(80);

        assertThat(batches).containsExactly(List.of(7), List.of(8));
        assertThat(combiner.queued()).isZero();
    }

    @Test
    void queuedRequestsShareNextBatch() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
            if (calls.get(0).request() == 0) {
                firstSent.countDown();
                await(release);
            }
            reply(calls);
        });
        Future<Object> first = callers.submit(() -> combiner.call(0, TIMEOUT_NANOS));
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();

        List<Future<Object>> queued = new ArrayList<>();
        for (int request = 1; request <= 5; request++) {
            int value = request;
            queued.add(callers.submit(() -> combiner.call(value, TIMEOUT_NANOS)));
        }
        awaitQueued(combiner, 5);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        for (int request = 1; request <= 5; request++) {
            assertThat(queued.get(request - 1).get(10, TimeUnit.SECONDS)).as("reply to %d", request)
                    .isEqualTo(request * 10);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).as("every queued request in one batch").containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void maxBatchSplitsQueue() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 2, calls -> {
            if (calls.get(0).request() == 0) {
                firstSent.countDown();
                await(release);
            }
            reply(calls);
        });
        Future<Object> first = callers.submit(() -> combiner.call(0, TIMEOUT_NANOS));
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Object>> queued = new ArrayList<>();
        for (int request = 1; request <= 5; request++) {
            int value = request;
            queued.add(callers.submit(() -> combiner.call(value, TIMEOUT_NANOS)));
        }
        awaitQueued(combiner, 5);

        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (int request = 1; request <= 5; request++) {
            assertThat(queued.get(request - 1).get(10, TimeUnit.SECONDS)).isEqualTo(request * 10);
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
        assertThat(batches.stream().mapToInt(List::size).sum()).as("requests sent").isEqualTo(6);
    }

    @Test
    void failedCallLeavesOthersInBatch() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
            if (calls.get(0).request() == 0) {
                firstSent.countDown();
                await(release);
            }
            reply(calls);
        });
        Future<Object> first = callers.submit(() -> combiner.call(0, TIMEOUT_NANOS));
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Object> failing = callers.submit(() -> combiner.call(-1, TIMEOUT_NANOS));
        Future<Object> succeeding = callers.submit(() -> combiner.call(3, TIMEOUT_NANOS));
        awaitQueued(combiner, 2);

        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(succeeding.get(10, TimeUnit.SECONDS)).isEqualTo(30);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative request -1");
        assertThat(batches.get(1)).containsExactlyInAnyOrder(-1, 3);
    }

    @Test
    void senderExceptionFailsWholeBatch() {
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
            if (calls.get(0).request() == 1) {
                calls.get(0).complete(10);
            }
            throw new IllegalStateException("connection lost");
        });

        assertThatThrownBy(() -> combiner.call(5, TIMEOUT_NANOS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("connection lost");
        assertThat(combiner.call(1, TIMEOUT_NANOS)).as("a call completed before the exception keeps its reply")
                .isEqualTo(10);
    }

    @Test
    void incompleteCallFails() {
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
        });

        assertThatThrownBy(() -> combiner.call(5, TIMEOUT_NANOS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a reply");
    }

    @Test
    void queuedCallTimesOutUnsent() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
            if (calls.get(0).request() == 0) {
                firstSent.countDown();
                await(release);
            }
            reply(calls);
        });
        Future<Object> first = callers.submit(() -> combiner.call(0, TIMEOUT_NANOS));
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThatThrownBy(() -> combiner.call(9, 50_000_000L))
                .isInstanceOf(PipelineCombiner.QueueTimeoutException.class);
        long elapsedNanos = System.nanoTime() - start;
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(elapsedNanos).as("about the timeout of 50 ms").isBetween(50_000_000L, 5_000_000_000L);
        assertThat(combiner.queued()).isZero();
        assertThat(combiner.call(4, TIMEOUT_NANOS)).as("the combiner works after a timeout").isEqualTo(40);
        assertThat(batches).as("the timed-out request was never sent").containsExactly(List.of(0), List.of(4));
    }

    @Test
    void interruptedCallerKeepsFlag() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(1, 64, calls -> {
            if (calls.get(0).request() == 0) {
                firstSent.countDown();
                await(release);
            }
            reply(calls);
        });
        Future<Object> first = callers.submit(() -> combiner.call(0, TIMEOUT_NANOS));
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> interrupted = callers.submit(() -> {
            Thread.currentThread().interrupt();
            Object reply = combiner.call(2, TIMEOUT_NANOS);
            return reply.equals(20) && Thread.currentThread().isInterrupted();
        });
        awaitQueued(combiner, 1);

        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).as("reply 20 and the interrupt flag still set").isTrue();
    }

    @Test
    void manyCallersAllGetOwnReplies() throws Exception {
        PipelineCombiner<Integer> combiner = new PipelineCombiner<>(2, 16, this::reply);
        int threads = 16;
        int callsPerThread = 500;
        List<Future<Integer>> mismatches = new ArrayList<>();

        for (int t = 0; t < threads; t++) {
            int base = t * callsPerThread;
            mismatches.add(callers.submit(() -> {
                int wrong = 0;
                for (int i = 0; i < callsPerThread; i++) {
                    if (!combiner.call(base + i, TIMEOUT_NANOS).equals((base + i) * 10)) {
                        wrong++;
                    }
                }
                return wrong;
            }));
        }

        for (Future<Integer> future : mismatches) {
            assertThat(future.get(60, TimeUnit.SECONDS)).as("replies to another caller's request").isZero();
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).as("requests sent").isEqualTo(threads * callsPerThread);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 16));
    }

    @Test
    void invalidLimitsRejected() {
        assertThatThrownBy(() -> new PipelineCombiner<Integer>(0, 1, this::reply))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineCombiner<Integer>(1, 0, this::reply))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQueued(PipelineCombiner<Integer> combiner, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (combiner.queued() < expected) {
            assertThat(System.nanoTime()).as("%d requests queued within 10 s", expected).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the sender within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
