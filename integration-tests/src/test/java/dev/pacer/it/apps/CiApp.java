package dev.pacer.it.apps;

import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.it.apps.ci.CiClient;
import java.util.function.Supplier;

/**
 * Calls the rate-limited methods of {@link CiClient} and prints, per operation, how many calls were admitted and how
 * many were rejected with {@link RateLimitExceededException}. Arguments: a workload name, then counts.
 *
 * <ul>
 *   <li>{@code endpoints}: 4 triggerBuild and 4 rebuild calls (one shared limit), 10 listPlugins, 3 userInfo for
 *       each of alice and bob, 5 search, and 15 downloadArtifact calls.</li>
 *   <li>{@code builds N}: N triggerBuild calls.</li>
 * </ul>
 */
public final class CiApp {

    private CiApp() {
    }

    public static void main(String[] args) throws Exception {
        CiClient client = new CiClient();
        if (args[0].equals("endpoints")) {
            run("triggerBuild", 4, () -> client.triggerBuild("nightly"));
            run("rebuild", 4, () -> client.rebuild("nightly"));
            run("listPlugins", 10, client::listPlugins);
            run("userInfo-alice", 3, () -> client.userInfo("alice"));
            run("userInfo-bob", 3, () -> client.userInfo("bob"));
            run("search", 5, () -> client.search("flaky"));
            long start = System.nanoTime();
            run("downloadArtifact", 15, () -> client.downloadArtifact("app.jar"));
            System.out.println("downloadMillis=" + (System.nanoTime() - start) / 1_000_000);
        } else {
            run("triggerBuild", Integer.parseInt(args[1]), () -> client.triggerBuild("nightly"));
        }
        AppSupport.doneAndAwaitExit();
    }

    private static void run(String operation, int calls, Supplier<Object> call) {
        int admitted = 0;
        int rejected = 0;
        RateLimitExceededException last = null;
        for (int i = 0; i < calls; i++) {
            try {
                call.get();
                admitted++;
            } catch (RateLimitExceededException e) {
                rejected++;
                last = e;
            }
        }
        String detail = last == null ? "" : " limit=" + last.limit() + " key=" + last.key() + " retryAfterMillis="
                + last.retryAfterNanos() / 1_000_000;
        System.out.println(operation + " admitted=" + admitted + " rejected=" + rejected + detail);
    }
}
