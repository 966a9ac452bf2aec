package dev.pacer.agent.history;

import dev.pacer.agent.config.HistoryConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The interval summaries of the last {@code reporting.retention}, kept in memory with each method's interval
 * histogram compressed, so that any window can be merged into true percentiles.
 *
 * <p>Memory is bounded twice: intervals that ended more than the retention before the newest one are dropped, and
 * while the estimated size exceeds {@code reporting.max-memory} the oldest interval is dropped, though the newest
 * is always kept. The estimate counts the compressed histograms and fixed per-record overheads, not the method key
 * strings, which the registry keeps anyway.
 *
 * <p>Every {@link #ROLLUP_SIZE} intervals are also added up into one roll-up of the same form as an interval, so
 * that a long window merges few histograms: a day of 10 s intervals takes 135 roll-ups plus at most 2 × 63
 * intervals at its edges instead of 8,640 intervals. A roll-up is dropped with the oldest of its intervals.
 *
 * <p>Thread-safe: the reporter thread appends, and JMX threads read a copy of the list taken under the lock.
 */
public final class HistoryStore {

    /** Intervals per roll-up. */
    static final int ROLLUP_SIZE = 64;

    private final long retentionMillis;
    private final long maxMemoryBytes;
    private final ArrayDeque<IntervalRecord> records = new ArrayDeque<>();
    private final ArrayDeque<Rollup> rollups = new ArrayDeque<>();
    private IntervalRecord openRollupFirst;
    private int openRollupSize;
    private long estimatedBytes;
    private long droppedForMemory;
    private SystemSnapshot lastSystem;

    public HistoryStore(HistoryConfig config) {
        this.retentionMillis = config.retentionNanos() / 1_000_000L;
        this.maxMemoryBytes = config.maxMemoryBytes();
    }

    /** Keeps one interval and drops what falls outside the retention or the memory cap. */
    public synchronized void append(IntervalSummary summary) {
        boolean newSystem = summary.system() != null && summary.system() != lastSystem;
        lastSystem = summary.system();
        IntervalRecord record = IntervalRecord.of(summary, newSystem);
        records.addLast(record);
        estimatedBytes += record.estimatedBytes();
        if (openRollupFirst == null) {
            openRollupFirst = record;
        }
        openRollupSize++;
        if (openRollupSize == ROLLUP_SIZE) {
            closeRollup(record);
        }

        long oldestEndKept = summary.endEpochMillis() - retentionMillis;
        while (records.size() > 1 && records.peekFirst().endEpochMillis() <= oldestEndKept) {
            dropOldest();
        }
        while (records.size() > 1 && estimatedBytes > maxMemoryBytes) {
            dropOldest();
            droppedForMemory++;
        }
    }

    /** Returns the intervals that ended after {@code fromEpochMillis}, oldest first. */
    synchronized List<IntervalRecord> since(long fromEpochMillis) {
        return records.stream().filter(record -> record.endEpochMillis() > fromEpochMillis).toList();
    }

    /**
     * Returns the same calls as {@link #since}, oldest first, with every run of intervals that a roll-up covers
     * replaced by that roll-up. A window always reaches the newest interval, so a roll-up that starts inside it
     * lies wholly inside it.
     */
    synchronized List<IntervalRecord> sinceWithRollups(long fromEpochMillis) {
        List<IntervalRecord> result = new ArrayList<>();
        Iterator<Rollup> laterRollups = rollups.iterator();
        Rollup nextRollup = laterRollups.hasNext() ? laterRollups.next() : null;
        IntervalRecord skipThrough = null;
        for (IntervalRecord record : records) {
            Rollup startingHere = null;
            if (nextRollup != null && nextRollup.first() == record) {
                startingHere = nextRollup;
                nextRollup = laterRollups.hasNext() ? laterRollups.next() : null;
            }

            if (skipThrough != null) {
                skipThrough = record == skipThrough ? null : skipThrough;
                continue;
            }
            boolean inWindow = record.endEpochMillis() > fromEpochMillis;
            if (!inWindow) {
                continue;
            }
            if (startingHere == null) {
                result.add(record);
                continue;
            }
            result.add(startingHere.merged());
            skipThrough = record == startingHere.last() ? null : startingHere.last();
        }
        return result;
    }

    /** Returns the end of the newest interval, or 0 when the history is empty. */
    public synchronized long newestEndEpochMillis() {
        return records.isEmpty() ? 0 : records.peekLast().endEpochMillis();
    }

    /** Returns the number of intervals kept. */
    public synchronized int size() {
        return records.size();
    }

    /** Returns the estimated heap bytes of the kept intervals. */
    public synchronized long estimatedBytes() {
        return estimatedBytes;
    }

    /** Returns the number of intervals dropped because the history reached {@code reporting.max-memory}. */
    public synchronized long droppedForMemory() {
        return droppedForMemory;
    }

    private void dropOldest() {
        IntervalRecord oldest = records.removeFirst();
        estimatedBytes -= oldest.estimatedBytes();
        if (!rollups.isEmpty() && rollups.peekFirst().first() == oldest) {
            estimatedBytes -= rollups.removeFirst().merged().estimatedBytes();
        }
        if (openRollupFirst == oldest) {
            openRollupFirst = null;
            openRollupSize = 0;
        }
    }

    /**
     * Adds up the last {@link #ROLLUP_SIZE} intervals, decoding each method's histograms once more. This costs the
     * reporter thread about one decode per method and interval, and keeps no uncompressed histogram between
     * intervals.
     */
    private void closeRollup(IntervalRecord last) {
        List<IntervalRecord> block = new ArrayList<>(ROLLUP_SIZE);
        Iterator<IntervalRecord> newestFirst = records.descendingIterator();
        for (int i = 0; i < ROLLUP_SIZE; i++) {
            block.add(0, newestFirst.next());
        }
        IntervalRecord merged = IntervalRecord.of(WindowMerger.merge(block), false);
        rollups.addLast(new Rollup(openRollupFirst, last, merged));
        estimatedBytes += merged.estimatedBytes();
        openRollupFirst = null;
        openRollupSize = 0;
    }

    /** A roll-up and the first and last of the intervals it adds up, compared by identity. */
    private record Rollup(IntervalRecord first, IntervalRecord last, IntervalRecord merged) {
    }
}
