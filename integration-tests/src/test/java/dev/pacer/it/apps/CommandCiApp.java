package dev.pacer.it.apps;

import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.it.apps.ci.CiClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Calls {@link CiClient#triggerBuild} on command, so that a test can change the world between batches. Reads lines
 * from standard input: {@code builds N} makes N calls and prints {@code batch admitted=A rejected=R}, and
 * {@code exit} ends the program. Prints {@code READY} first.
 */
public final class CommandCiApp {

    private CommandCiApp() {
    }

    public static void main(String[] args) throws Exception {
        CiClient client = new CiClient();
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int batch = 0;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            int calls = Integer.parseInt(line.substring("builds ".length()));
            int admitted = 0;
            int rejected = 0;
            for (int i = 0; i < calls; i++) {
                try {
                    client.triggerBuild("nightly");
                    admitted++;
                } catch (RateLimitExceededException e) {
                    rejected++;
                }
            }
            batch++;
            System.out.println("batch" + batch + " admitted=" + admitted + " rejected=" + rejected);
        }
        System.out.println("EXITING");
    }
}
