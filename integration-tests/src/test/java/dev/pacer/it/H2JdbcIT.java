package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.H2App;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/**
 * Times the real H2 driver through {@code subtype-of: java.sql.Statement}: the statements counted over JMX, in
 * summary.jsonl and in latency.hlog must all equal the statements the application executed.
 */
class H2JdbcIT {

    private static final int INSERTS = 500;
    private static final int QUERIES = 200;

    private static final String CONFIG = """
            reporting:
              interval: 300ms
              file:
                directory: out
            pointcuts:
              - name: jdbc
                subtype-of: [java.sql.Statement, java.sql.PreparedStatement]
                method: "execute*"
            """;

    @Test
    void statementsCountedExactly() throws Exception {
        Path work = Workspace.create("h2");
        Path config = Workspace.writeConfig(work, CONFIG);
        Map<String, Long> expected = Map.of(
                "org.h2.jdbc.JdbcStatement#execute(java.lang.String)", 1L,
                "org.h2.jdbc.JdbcPreparedStatement#executeUpdate()", (long) INSERTS,
                "org.h2.jdbc.JdbcStatement#executeQuery(java.lang.String)", (long) QUERIES);
        long statements = 1 + INSERTS + QUERIES;

        Map<String, Long> jmxCounts;
        try (ChildJvm child = ChildJvm.builder(H2App.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(H2App.class), ChildJvm.classPathOf(org.h2.Driver.class))
                .arg(INSERTS).arg(QUERIES).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            try (JmxClient jmx = child.jmx()) {
                Conditions.await("JMX counts all " + statements + " statements", Duration.ofSeconds(20),
                        () -> countsOverJmx(jmx).values().stream().mapToLong(Long::longValue).sum() >= statements);
                jmxCounts = countsOverJmx(jmx);
                assertThat(jmx.attribute(new ObjectName("pacer:type=Agent"), "AgentErrors")).isEqualTo(0L);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }

        assertThat(jmxCounts).isEqualTo(expected);
        Path summary = work.resolve("out/summary.jsonl");
        assertThat(Summaries.sumByMethod(summary, "count")).isEqualTo(expected);
        assertThat(hlogCounts(work.resolve("out/latency.hlog"))).isEqualTo(expected);
    }

    /** Returns the count of every method called at least once; the other woven methods have MBeans too. */
    private static Map<String, Long> countsOverJmx(JmxClient jmx) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (ObjectName name : jmx.names("pacer:type=Method,pointcut=\"jdbc\",*")) {
            long count = (Long) jmx.attribute(name, "Count");
            if (count > 0) {
                counts.put((String) jmx.attribute(name, "Method"), count);
            }
        }
        return counts;
    }

    /** Reads latency.hlog with HdrHistogram's own reader and sums the counts per tag. */
    private static Map<String, Long> hlogCounts(Path hlog) throws Exception {
        assertThat(Files.size(hlog)).isPositive();
        Map<String, Long> counts = new HashMap<>();
        List<String> tags = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram histogram;
        while ((histogram = reader.nextIntervalHistogram()) != null) {
            org.HdrHistogram.Histogram decoded = (org.HdrHistogram.Histogram) histogram;
            String key = decoded.getTag().replace(';', ',');
            tags.add(key);
            counts.merge(key, decoded.getTotalCount(), Long::sum);
        }
        reader.close();
        assertThat(tags).isNotEmpty();
        return counts;
    }
}
