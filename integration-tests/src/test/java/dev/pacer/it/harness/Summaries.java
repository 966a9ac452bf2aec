package dev.pacer.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads summary.jsonl as a user's script would. */
public final class Summaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Summaries() {
    }

    /** Returns every interval object of the file, in order. */
    public static List<JsonNode> intervals(Path file) throws IOException {
        List<JsonNode> intervals = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                intervals.add(JSON.readTree(line));
            }
        }
        return intervals;
    }

    /** Returns the sum over all intervals of one numeric field per method key. */
    public static Map<String, Long> sumByMethod(Path file, String field) throws IOException {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode interval : intervals(file)) {
            for (JsonNode method : interval.get("methods")) {
                sums.merge(method.get("method").asText(), method.get(field).asLong(), Long::sum);
            }
        }
        return sums;
    }
}
