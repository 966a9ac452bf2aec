package dev.pacer.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After the line {@code start} arrives on standard input, calls {@link #submit()} about every 10 ms on one thread
 * and counts the calls that the agent's rate limit rejects, until the line {@code exit} arrives.
 */
public final class RejectedCallsApp {

    private static final AtomicLong REJECTED = new AtomicLong();
    private static volatile boolean running = true;

    private RejectedCallsApp() {
    }

    /** The rate-limited method. */
    public static void submit() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("start")) {
            System.out.println("ignored " + line);
        }
        Thread caller = new Thread(() -> {
            while (running) {
                try {
                    submit();
                } catch (RuntimeException e) {
                    REJECTED.incrementAndGet();
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "caller");
        caller.start();
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            System.out.println("ignored " + line);
        }
        running = false;
        caller.join();
        System.out.println("rejected=" + REJECTED.get());
    }
}
