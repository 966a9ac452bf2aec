package dev.pacer.it.apps;

import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.it.apps.ci.CiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs through its own SLF4J 2 and slf4j-simple after calling a method that the agent limits through Redis, which
 * makes the agent start Jedis and its relocated SLF4J first. Prints which logger factory the application got.
 */
public final class Slf4jApp {

    private Slf4jApp() {
    }

    public static void main(String[] args) throws Exception {
        CiClient client = new CiClient();
        int admitted = 0;
        for (int i = 0; i < 3; i++) {
            try {
                client.triggerBuild("nightly");
                admitted++;
            } catch (RateLimitExceededException e) {
                System.out.println("rejected " + e.limit());
            }
        }
        System.out.println("admitted=" + admitted);

        Logger logger = LoggerFactory.getLogger(Slf4jApp.class);
        logger.info("application log line");
        System.out.println("factory=" + LoggerFactory.getILoggerFactory().getClass().getName());
        AppSupport.doneAndAwaitExit();
    }
}
