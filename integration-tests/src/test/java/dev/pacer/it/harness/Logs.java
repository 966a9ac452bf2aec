package dev.pacer.it.harness;

import java.util.List;

/** Picks the lines of a child's standard error that report a problem. */
public final class Logs {

    // The JVM prints this whenever an agent appends to the bootstrap class path while class data sharing is on.
    private static final String CDS_NOTICE = "Sharing is only supported for boot loader classes because bootstrap "
            + "classpath has been appended";

    private Logs() {
    }

    /** Returns the lines that contain WARN, ERROR or Exception, except the JVM's class data sharing notice. */
    public static List<String> problems(List<String> stderr) {
        return stderr.stream()
                .filter(line -> !line.contains(CDS_NOTICE))
                .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.contains("Exception"))
                .toList();
    }
}
