package dev.pacer.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Lets a test application tell the test that its workload is done, then wait until the test lets it exit. */
public final class AppSupport {

    private AppSupport() {
    }

    /**
     * Prints {@code DONE}, then blocks until the test sends {@code exit} on standard input, or 120 s pass, so that
     * the test can read JMX while the application is alive.
     */
    public static void doneAndAwaitExit() throws IOException, InterruptedException {
        System.out.println("DONE");
        System.out.flush();
        Thread reader = new Thread(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.equals("exit")) {
                    System.out.println("ignored " + line);
                }
            } catch (IOException e) {
                System.out.println("stdin failed: " + e);
            }
        }, "await-exit");
        reader.setDaemon(true);
        reader.start();
        reader.join(TimeUnit.SECONDS.toMillis(120));
        System.out.println("EXITING");
    }
}
