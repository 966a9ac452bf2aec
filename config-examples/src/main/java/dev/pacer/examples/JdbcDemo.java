package dev.pacer.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The demo that the README runs under the agent with quickstart.yaml: two threads drive an in-memory H2 database
 * through JDBC for a few seconds, with inserts, queries of varying cost, and a few statements that fail.
 * Argument: seconds to run, 15 by default.
 */
public final class JdbcDemo {

    private static final String URL = "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1";

    private JdbcDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 15;
        System.out.println("JDBC demo: pid " + ProcessHandle.current().pid() + ", running for " + seconds
                + " s. Attach JConsole to this pid to browse the pacer MBeans.");
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer INT, amount INT)");
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int worker = 0; worker < 2; worker++) {
            int offset = worker;
            Thread thread = new Thread(() -> runWorkload(offset, deadline), "demo-worker-" + worker);
            thread.start();
            workers.add(thread);
        }
        long statements = 0;
        for (Thread thread : workers) {
            thread.join();
        }
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                Statement count = connection.createStatement();
                ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM orders")) {
            rows.next();
            statements = rows.getLong(1);
        }
        System.out.println("JDBC demo finished: " + statements + " orders inserted.");
    }

    private static void runWorkload(int worker, long deadlineNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id = worker * 1_000_000_000L;
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)");
                Statement query = connection.createStatement()) {
            while (System.nanoTime() < deadlineNanos) {
                insert.setLong(1, id++);
                insert.setInt(2, random.nextInt(100));
                insert.setInt(3, random.nextInt(1000));
                insert.executeUpdate();

                if (id % 10 == 0) {
                    try (ResultSet rows = query.executeQuery(
                            "SELECT customer, SUM(amount) FROM orders GROUP BY customer ORDER BY 2 DESC LIMIT 5")) {
                        while (rows.next()) {
                            rows.getLong(2);
                        }
                    }
                }
                if (id % 500 == 0) {
                    try {
                        query.execute("SELECT * FROM missing_table");
                    } catch (SQLException expected) {
                        // One statement in 500 fails on purpose, so that the summary shows errors.
                    }
                }
                if (id % 50 == 0) {
                    Thread.sleep(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The demo workload failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
