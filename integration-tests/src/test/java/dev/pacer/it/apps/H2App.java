package dev.pacer.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Drives the H2 database through JDBC: creates a table, inserts rows with a PreparedStatement, and reads them back
 * with plain Statements. Arguments: inserts, queries.
 */
public final class H2App {

    private H2App() {
    }

    public static void main(String[] args) throws Exception {
        int inserts = Integer.parseInt(args[0]);
        int queries = Integer.parseInt(args[1]);
        long total = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE orders (id INT PRIMARY KEY, amount INT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, ?)")) {
                for (int i = 0; i < inserts; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, i % 100);
                    total += insert.executeUpdate();
                }
            }
            try (Statement query = connection.createStatement()) {
                for (int i = 0; i < queries; i++) {
                    try (ResultSet rows = query.executeQuery("SELECT SUM(amount) FROM orders WHERE id < " + i)) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
        }
        System.out.println("total=" + total);
        AppSupport.doneAndAwaitExit();
    }
}
