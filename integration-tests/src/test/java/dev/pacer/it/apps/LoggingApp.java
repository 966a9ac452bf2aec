package dev.pacer.it.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs through its own SLF4J 1.7 with slf4j-simple, calls {@link #work} 100 times, prints where its SLF4J came
 * from, and waits for {@code exit}.
 */
public final class LoggingApp {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingApp.class);

    private LoggingApp() {
    }

    public static int work(int value) {
        return value * 2;
    }

    public static void main(String[] args) throws Exception {
        int sum = 0;
        for (int i = 0; i < 100; i++) {
            sum += work(i);
        }
        LOG.info("application log line, sum={}", sum);
        System.out.println("slf4j=" + LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("logger-factory=" + LoggerFactory.getILoggerFactory().getClass().getName());
        AppSupport.doneAndAwaitExit();
    }
}
