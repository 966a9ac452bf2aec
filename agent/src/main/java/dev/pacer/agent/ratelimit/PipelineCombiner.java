package dev.pacer.agent.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Combines the requests of concurrent callers into pipelines, with the callers' own threads doing the I/O (flat
 * combining). A caller queues its request and then either becomes a sender, which takes up to {@code maxBatch}
 * queued requests and hands them to the {@link BatchSender} as one batch, or parks until a sender has completed its
 * request. At most {@code maxSenders} batches are in flight, so requests that arrive meanwhile queue up and go out
 * together in the next batch. Each request stays one command. Thread-safe.
 *
 * @param <R> the request, such as the arguments of one command
 */
final class PipelineCombiner<R> {

    /** Sends one batch, in order, and completes every call of it with a reply or an error. */
    interface BatchSender<R> {
        /**
         * Sends the requests of {@code calls}. A call that this method leaves incomplete, also when it throws, fails
         * with the exception it threw, or with an {@link IllegalStateException} when it returned.
         */
        void send(List<Call<R>> calls);
    }

    /** Thrown to a caller whose request was still queued when its timeout passed, so it was never sent. */
    static final class QueueTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueTimeoutException(long timeoutNanos) {
            super("no pipeline took the request within the timeout of " + timeoutNanos / 1_000_000 + " ms");
        }
    }

    /** One queued request and its outcome. */
    static final class Call<R> {
        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int DONE = 2;
        private static final int CANCELLED = 3;

        private final R request;
        private final Thread caller;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private Object reply;
        private RuntimeException error;

        Call(R request, Thread caller) {
            this.request = request;
            this.caller = caller;
        }

        R request() {
            return request;
        }

        /** Completes the call with a reply and wakes its caller. Does nothing when the call is already complete. */
        void complete(Object value) {
            if (state.get() == TAKEN) {
                reply = value;
                finish();
            }
        }

        /** Completes the call with an error and wakes its caller. Does nothing when the call is already complete. */
        void fail(RuntimeException exception) {
            if (state.get() == TAKEN) {
                error = exception;
                finish();
            }
        }

        boolean isDone() {
            return state.get() == DONE;
        }

        private void finish() {
            // The volatile write publishes reply and error to the caller, which reads them after seeing DONE.
            state.set(DONE);
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }

        private boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }

        private boolean cancel() {
            return state.compareAndSet(QUEUED, CANCELLED);
        }

        private boolean isQueued() {
            return state.get() == QUEUED;
        }

        private Object result() {
            if (error != null) {
                throw error;
            }
            return reply;
        }
    }

    private final BatchSender<R> sender;
    private final Semaphore senders;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Call<R>> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param maxSenders the largest number of batches in flight at once, at least 1
     * @param maxBatch   the largest number of requests in one batch, at least 1
     */
    PipelineCombiner(int maxSenders, int maxBatch, BatchSender<R> sender) {
        if (maxSenders < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("maxSenders and maxBatch must be at least 1, not " + maxSenders
                    + " and " + maxBatch);
        }
        this.sender = sender;
        this.senders = new Semaphore(maxSenders);
        this.maxBatch = maxBatch;
    }

    /**
     * Sends one request in the next batch and returns its reply.
     *
     * @param timeoutNanos how long the request may stay queued. Once a sender has taken it, the call waits for the
     *                     sender, whose own I/O timeouts bound that wait.
     * @throws QueueTimeoutException when the request was still queued after {@code timeoutNanos}
     * @throws RuntimeException      what the sender failed the call with
     */
    Object call(R request, long timeoutNanos) {
        Call<R> call = new Call<>(request, Thread.currentThread());
        long deadline = System.nanoTime() + timeoutNanos;
        queue.offer(call);
        boolean interrupted = false;
        try {
            while (!call.isDone()) {
                if (senders.tryAcquire()) {
                    try {
                        sendQueued();
                    } finally {
                        senders.release();
                        wakeNextQueued();
                    }
                    continue;
                }
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0 && call.cancel()) {
                    queue.remove(call);
                    // A sender that released its permit may have woken this caller to send the rest of the queue.
                    wakeNextQueued();
                    throw new QueueTimeoutException(timeoutNanos);
                }
                // Past the deadline the call is in flight, and its sender wakes this thread when it completes it.
                LockSupport.parkNanos(this, remainingNanos > 0 ? remainingNanos : timeoutNanos);
                if (Thread.interrupted()) {
                    // Parking returns at once while the flag is set, so it is restored only when the call returns.
                    interrupted = true;
                }
            }
            return call.result();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns the number of requests that wait for a sender. */
    int queued() {
        return queue.size();
    }

    private void sendQueued() {
        List<Call<R>> batch = new ArrayList<>();
        while (batch.size() < maxBatch) {
            Call<R> next = queue.poll();
            if (next == null) {
                break;
            }
            if (next.take()) {
                batch.add(next);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        try {
            sender.send(batch);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            RuntimeException error = failure != null ? failure
                    : new IllegalStateException("the pipeline sender left this request without a reply");
            for (Call<R> call : batch) {
                call.fail(error);
            }
        }
    }

    /**
     * Wakes the caller of the oldest queued request when a permit is free, so that it becomes a sender. Every sender
     * calls this after it releases its permit, and a caller queues its request before it tries for a permit, so a
     * queued request is never left without a sender. When no permit is free, the sender that holds the last one
     * calls this again on release.
     */
    private void wakeNextQueued() {
        if (senders.availablePermits() == 0) {
            return;
        }
        for (Call<R> call : queue) {
            if (call.isQueued()) {
                LockSupport.unpark(call.caller);
                return;
            }
        }
    }
}
