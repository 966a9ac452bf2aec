package dev.pacer.benchmarks;

import example.app.Target;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of timing one call of {@link Target#work}.
 *
 * <p>{@link #target} calls the method with no timing code of its own. run.sh runs it once in a plain JVM (the
 * uninstrumented baseline) and once in a JVM per agent under test, passing the agent with {@code -jvmArgsAppend},
 * so the difference between the forks is what the agent's advice costs. {@link #floor} and {@link #micrometer} time
 * the call by hand in a plain JVM: the floor is two {@code System.nanoTime()} reads and one HdrHistogram
 * {@link Recorder#recordValue}, the least an agent that keeps a latency histogram can do.
 *
 * <p>The recorder and the timer are shared by all benchmark threads, as an agent's per-method state is, so runs
 * with {@code -t 2} include the contention of two threads on the same counts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimingBenchmark {

    /** Arguments that change per call, so that the JIT cannot fold {@link Target#work} into a constant. */
    @State(Scope.Thread)
    public static class Arguments {
        long seed;
        long salt = 0x2545F4914F6CDD1DL;

        /**
         * Prints the id of the benchmark thread. Pacer picks a recorder stripe from the thread id, so with
         * {@code -t 2} the ids tell whether a fork's two threads shared a stripe.
         */
        @Setup
        public void printThreadId() {
            System.out.println("benchmark thread id=" + Thread.currentThread().getId());
        }

        long nextSeed() {
            return ++seed;
        }
    }

    /** The per-method latency state that the hand-written variants write to, shared by all threads. */
    @State(Scope.Benchmark)
    public static class SharedTimers {
        Recorder recorder;
        Timer timer;

        @Setup
        public void createTimers() {
            recorder = new Recorder(1, 3_600_000_000_000L, 2);
            timer = Timer.builder("target.work").register(new SimpleMeterRegistry());
        }
    }

    @Benchmark
    public long target(Arguments arguments) {
        return Target.work(arguments.nextSeed(), arguments.salt);
    }

    @Benchmark
    public long floor(Arguments arguments, SharedTimers timers) {
        long startNanos = System.nanoTime();
        long result = Target.work(arguments.nextSeed(), arguments.salt);
        timers.recorder.recordValue(System.nanoTime() - startNanos);
        return result;
    }

    @Benchmark
    public long micrometer(Arguments arguments, SharedTimers timers) {
        long startNanos = System.nanoTime();
        long result = Target.work(arguments.nextSeed(), arguments.salt);
        timers.timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        return result;
    }
}
