package dev.pacer.it.apps;

import dev.pacer.it.apps.shapes.AuditedRepository;
import dev.pacer.it.apps.shapes.BigWidget;
import dev.pacer.it.apps.shapes.CachingRepository;
import dev.pacer.it.apps.shapes.DbRepository;
import dev.pacer.it.apps.shapes.Calc;
import dev.pacer.it.apps.shapes.Circle;
import dev.pacer.it.apps.shapes.Fib;
import dev.pacer.it.apps.shapes.Greeter;
import dev.pacer.it.apps.shapes.Handler;
import dev.pacer.it.apps.shapes.HotCounter;
import dev.pacer.it.apps.shapes.LoudGreeter;
import dev.pacer.it.apps.shapes.MathUtil;
import dev.pacer.it.apps.shapes.Overloads;
import dev.pacer.it.apps.shapes.PlainGreeter;
import dev.pacer.it.apps.shapes.Repository;
import dev.pacer.it.apps.shapes.Shape;
import dev.pacer.it.apps.shapes.StringHandler;
import dev.pacer.it.apps.shapes.Thrower;
import dev.pacer.it.apps.shapes.Widget;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.zip.Adler32;

/**
 * Calls every tricky method shape a fixed number of times; ShapesIT compares the agent's counts with these calls.
 * Arguments: calls per shape, calls per thread of the eight-thread method.
 */
public final class ShapesApp {

    private ShapesApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int callsPerThread = Integer.parseInt(args[1]);
        long sink = 0;

        Calc calc = new Calc();
        Overloads overloads = new Overloads();
        Greeter plain = new PlainGreeter();
        Greeter loud = new LoudGreeter();
        Shape circle = new Circle(2);
        Handler<String> handler = new StringHandler();
        Thrower thrower = new Thrower();
        Adler32 checksum = new Adler32();
        byte[] bytes = {1, 2, 3, 4};
        int failures = 0;
        for (int i = 0; i < calls; i++) {
            sink += calc.add(i, i) + calc.add((long) i, (long) i) + calc.add("a", "b").length();
            sink += overloads.pick(i) + overloads.pick("x");
            sink += plain.greet("a").length() + loud.greet("b").length();
            sink += (long) circle.area() + (long) circle.twice();
            handler.handle("abc");
            sink += new Widget(1).hashCode() & 1;
            sink += new BigWidget().hashCode() & 1;
            sink += MathUtil.square(i) + MathUtil.getVersion().length();
            try {
                sink += thrower.maybeFail(i);
            } catch (IllegalArgumentException | IllegalStateException e) {
                failures++;
            }
            checksum.update(bytes, 0, bytes.length);
        }
        Repository cached = new CachingRepository(new DbRepository());
        Repository direct = new DbRepository();
        Repository audited = new AuditedRepository();
        for (int i = 0; i < calls; i++) {
            sink += cached.find(i) + audited.find(i);
            if (i % 2 == 0) {
                sink += direct.find(i);
            }
        }
        sink += Fib.fib(15);
        sink += runOnEightThreads(callsPerThread);
        sink += runPlugin(calls);

        System.out.println("failures=" + failures + " sink=" + sink + " checksum=" + checksum.getValue());
        AppSupport.doneAndAwaitExit();
    }

    private static long runOnEightThreads(int callsPerThread) throws InterruptedException {
        HotCounter counter = new HotCounter();
        CountDownLatch start = new CountDownLatch(1);
        long[] sums = new long[8];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < callsPerThread; i++) {
                    sums[index] += counter.hit(i);
                }
            }, "hot-" + t);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        long total = 0;
        for (int t = 0; t < 8; t++) {
            threads.get(t).join();
            total += sums[t];
        }
        return total;
    }

    private static long runPlugin(int calls) throws Exception {
        URL location = ShapesApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (ChildFirstLoader loader = new ChildFirstLoader(new URL[] {location}, ShapesApp.class.getClassLoader())) {
            Class<?> type = loader.loadClass("dev.pacer.it.apps.plugin.PluginTask");
            if (type.getClassLoader() != loader) {
                throw new IllegalStateException("PluginTask was not loaded by the custom loader");
            }
            Runnable task = (Runnable) type.getConstructor().newInstance();
            for (int i = 0; i < calls; i++) {
                task.run();
            }
            System.out.println(task);
            return calls;
        }
    }

    /** Loads the plugin package itself and delegates everything else to its parent, as plugin loaders do. */
    static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super("plugins", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.pacer.it.apps.plugin.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
