package dev.pacer.agent.weaving;

import dev.pacer.agent.Log;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.PacerThread;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Weaves classes that the transformer must not weave while the JVM defines them, by retransforming them on the
 * agent's own thread once they are loaded. These are classes of {@code java.base} that only a {@code subtype-of} or
 * {@code annotated-with} pointcut may select, because the transformer itself runs on {@code java.base} classes and
 * a class that it needed while that class was being defined would fail with a {@code ClassCircularityError}, and
 * classes that the transformer's own work loads. Calls of their methods before the retransformation are not
 * recorded; it follows within milliseconds.
 *
 * <p>The thread {@code pacer-weaver} waits for deferred classes and checks each one by reflection, with
 * {@link PointcutSet#mayMatchLoaded}, before it retransforms it, so classes that no pointcut selects cost one
 * {@code Class.forName} on that thread.
 */
final class DeferredWeaving implements Runnable {

    // Maximum number of classes that wait. A class beyond it is dropped and counted, so the thread that loads it never blocks.
    private static final int CAPACITY = 4_096;

    // How long the idle thread parks between looks at the queue. Deferring a class wakes it at once, so this only
    // bounds how long a wake-up that never came could hold a class back.
    private static final long IDLE_PARK_NANOS = 1_000_000_000L;

    private final PointcutSet pointcuts;
    private final Instrumentation instrumentation;
    // Lock-free, because defer runs inside class loading, also on this class's own thread: a lock or condition
    // that loaded a class while held could re-enter defer and lose the wake-up of a blocking queue.
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread thread;

    private record Pending(String typeName, WeakReference<ClassLoader> loader, boolean bootstrap) {
    }

    DeferredWeaving(PointcutSet pointcuts, Instrumentation instrumentation) {
        this.pointcuts = pointcuts;
        this.instrumentation = instrumentation;
    }

    /**
     * Loads the classes that {@link #defer} needs, so that deferring a class never loads one while the JVM defines
     * another, and starts the thread.
     */
    void start() {
        queue.offer(new Pending("", new WeakReference<>(null), true));
        queue.poll();
        Thread weaver = new PacerThread("weaver", this);
        thread = weaver;
        weaver.start();
    }

    /** Queues a class for retransformation once it is loaded. Never blocks and never throws. */
    void defer(String typeName, ClassLoader loader) {
        if (waiting.incrementAndGet() > CAPACITY) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(new Pending(typeName, new WeakReference<>(loader), loader == null));
        Thread weaver = thread;
        if (weaver != null) {
            LockSupport.unpark(weaver);
        }
    }

    /** Returns the number of classes that a full queue dropped. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Pending pending = queue.poll();
            if (pending == null) {
                // An unpark that came before this park is kept, so a class deferred meanwhile wakes it at once.
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            waiting.decrementAndGet();
            retransform(pending);
        }
    }

    private void retransform(Pending pending) {
        ClassLoader loader = pending.loader().get();
        if (loader == null && !pending.bootstrap()) {
            return;
        }
        try {
            // Waits while another thread still defines the class, and initializes nothing.
            Class<?> type = Class.forName(pending.typeName(), false, loader);
            if (type.getClassLoader() == loader && instrumentation.isModifiableClass(type)
                    && pointcuts.mayMatchLoaded(type)) {
                instrumentation.retransformClasses(type);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // A class that its loader cannot find by name, such as one defined from bytes, keeps its unwoven code.
            Log.debug("Not woven after loading: " + pending.typeName() + " (" + e + ")");
        } catch (Throwable e) {
            AgentErrors.suppressed(e);
            Log.warnOnce("weave:" + pending.typeName(), "Could not weave " + pending.typeName()
                    + " after it was loaded; its methods are not timed", e);
        }
    }
}
