package dev.pacer.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls {@link #query()} in a loop until the command {@code exit} arrives. Commands on standard input change its behaviour:
 * {@code slow} makes each query take 80 ms, {@code fast} 1 ms, {@code burn} starts one busy thread per available
 * processor, {@code rest} stops them, and {@code exit} ends the program. Each command is acknowledged with a line
 * {@code OK <command>}.
 */
public final class StepLatencyApp {

    private static volatile long latencyMillis = 1;
    private static volatile boolean burning;
    private static volatile boolean running = true;
    private static volatile long sink;

    private StepLatencyApp() {
    }

    /** The timed method: it sleeps for the current latency. */
    public static void query() throws InterruptedException {
        Thread.sleep(latencyMillis);
    }

    public static void main(String[] args) throws Exception {
        Thread caller = new Thread(() -> {
            while (running) {
                try {
                    query();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "caller");
        caller.start();

        List<Thread> burners = new ArrayList<>();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null && !command.equals("exit")) {
            switch (command) {
                case "slow" -> latencyMillis = 80;
                case "fast" -> latencyMillis = 1;
                case "burn" -> {
                    burning = true;
                    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                        Thread burner = new Thread(StepLatencyApp::burn, "burner-" + i);
                        burner.start();
                        burners.add(burner);
                    }
                }
                case "rest" -> burning = false;
                default -> System.out.println("unknown " + command);
            }
            System.out.println("OK " + command);
            System.out.flush();
        }
        burning = false;
        running = false;
        caller.join();
        for (Thread burner : burners) {
            burner.join();
        }
        System.out.println("EXITING");
    }

    private static void burn() {
        long value = 0;
        while (burning) {
            value = value * 31 + System.nanoTime();
        }
        sink = value;
    }
}
