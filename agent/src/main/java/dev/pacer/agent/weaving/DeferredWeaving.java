package dev.pacer.agent.weaving;

import dev.pacer.agent.Log;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.PacerThread;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

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

    // The most classes that wait. A class beyond it is dropped and counted, so the thread that loads it never blocks.
    private static final int CAPACITY = 4_096;

    private final PointcutSet pointcuts;
    private final Instrumentation instrumentation;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

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
        queue.clear();
        new PacerThread("weaver", this).start();
    }

    /** Queues a class for retransformation once it is loaded. Never blocks and never throws. */
    void defer(String typeName, ClassLoader loader) {
        if (!queue.offer(new Pending(typeName, new WeakReference<>(loader), loader == null))) {
            dropped.incrementAndGet();
        }
    }

    /** Returns the number of classes that a full queue dropped. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void run() {
        while (true) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
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
