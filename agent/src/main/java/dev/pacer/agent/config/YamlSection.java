package dev.pacer.agent.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of agent.yaml with typed getters that record a {@link ConfigProblem} for every invalid value instead
 * of stopping at the first, and return the default in its place so that reading can go on.
 *
 * <p>Not thread-safe; one loader reads one file on one thread.
 */
final class YamlSection {

    private final Problems problems;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Map<String, YamlSection> sections = new HashMap<>();

    /** Collects the problems of one file. */
    static final class Problems {
        final String file;
        final List<ConfigProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(Node at, String key, String value, String reason) {
            int line = 0;
            int column = 0;
            if (at != null && at.getStartMark().isPresent()) {
                Mark mark = at.getStartMark().get();
                line = mark.getLine() + 1;
                column = mark.getColumn() + 1;
            }
            list.add(new ConfigProblem(file, line, column, key, value, reason));
        }

        /**
         * Returns the problems sorted by line and column. The loader finds them key by key, not in file order, and
         * problems at the same place keep the order in which they were found.
         */
        List<ConfigProblem> inFileOrder() {
            List<ConfigProblem> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            return sorted;
        }
    }

    private YamlSection(Problems problems, String path, Node node) {
        this.problems = problems;
        this.path = path;
        this.node = node;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalarText(tuple.getKeyNode());
                if (key == null) {
                    problems.add(tuple.getKeyNode(), path.isEmpty() ? "(key)" : path, null,
                            "Keys must be plain names, not lists or mappings.");
                } else if (entries.putIfAbsent(key, tuple) != null) {
                    problems.add(tuple.getKeyNode(), qualify(key), null,
                            "The key appears twice in the same mapping. Keep one of them.");
                }
            }
        }
    }

    /** Wraps the root node, which must be a mapping. Returns null and records a problem otherwise. */
    static YamlSection root(Problems problems, Node node) {
        if (!(node instanceof MappingNode)) {
            problems.add(node, "(document)", null,
                    "The file must be a YAML mapping with keys such as reporting and pointcuts.");
            return null;
        }
        return new YamlSection(problems, "", node);
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    int line() {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    String qualify(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a problem for every key outside the allowed set, with the closest allowed key as the fix. */
    void rejectUnknownKeys(Set<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                String suggestion = closest(entry.getKey(), allowed);
                String reason = "Unknown key." + (suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?")
                        + " Allowed keys here: " + String.join(", ", allowed) + ".";
                problems.add(entry.getValue().getKeyNode(), qualify(entry.getKey()), null, reason);
            }
        }
    }

    /** Records a problem about the value of a key. */
    void reject(String key, String reason) {
        NodeTuple tuple = entries.get(key);
        Node at = tuple == null ? node : tuple.getValueNode();
        String value = tuple == null ? null : display(tuple.getValueNode());
        problems.add(at, qualify(key), value, reason);
    }

    /**
     * Records a problem about one item of a list that {@link #stringOrList} returned, at the item's place and with
     * the item as the rejected value. A key whose value is a single text is rejected as a whole.
     */
    void rejectItem(String key, String item, String reason) {
        NodeTuple tuple = entries.get(key);
        if (tuple != null && tuple.getValueNode() instanceof SequenceNode sequence) {
            for (Node itemNode : sequence.getValue()) {
                if (item.equals(scalarText(itemNode))) {
                    problems.add(itemNode, qualify(key), item, reason);
                    return;
                }
            }
        }
        reject(key, reason);
    }

    /** Records a problem about the whole section, for rules that span several keys. */
    void rejectSection(String reason) {
        problems.add(node, path.isEmpty() ? "(document)" : path, null, reason);
    }

    String string(String key, String defaultValue) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return defaultValue;
        }
        Node value = tuple.getValueNode();
        if (!(value instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            reject(key, "Expected a single text value.");
            return defaultValue;
        }
        return scalar.getValue();
    }

    /** Returns a required text value, or null after recording a problem. */
    String requiredString(String key, String example) {
        if (!has(key)) {
            problems.add(node, qualify(key), null, "Missing required key. Add it, for example " + key + ": "
                    + example + ".");
            return null;
        }
        return string(key, null);
    }

    boolean bool(String key, boolean defaultValue) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return defaultValue;
        }
        String text = string(key, null);
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        if (text != null) {
            reject(key, "Expected true or false.");
        }
        return defaultValue;
    }

    /** Returns a duration in nanoseconds of at least {@code minNanos}. */
    long duration(String key, long defaultNanos, long minNanos) {
        String text = string(key, null);
        if (text == null) {
            return defaultNanos;
        }
        long nanos = Durations.parseNanos(text);
        if (nanos < 0) {
            reject(key, "Expected a duration: a number with a unit of ms, s, m, h or d, for example 10s.");
            return defaultNanos;
        }
        if (nanos < minNanos) {
            reject(key, "Must be at least " + Durations.format(minNanos) + ".");
            return defaultNanos;
        }
        return nanos;
    }

    long bytes(String key, long defaultBytes, long minBytes) {
        String text = string(key, null);
        if (text == null) {
            return defaultBytes;
        }
        long bytes = Durations.parseBytes(text);
        if (bytes < 0) {
            reject(key, "Expected a size: a whole number with a unit of B, KB, MB or GB, for example 64MB.");
            return defaultBytes;
        }
        if (bytes < minBytes) {
            reject(key, "Must be at least " + minBytes + " bytes.");
            return defaultBytes;
        }
        return bytes;
    }

    long integer(String key, long defaultValue, long min, long max) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            reject(key, "Expected a whole number between " + min + " and " + max + ".");
            return defaultValue;
        }
        if (value < min || value > max) {
            reject(key, "Expected a whole number between " + min + " and " + max + ".");
            return defaultValue;
        }
        return value;
    }

    /** Returns one value from a fixed set, compared without case. */
    String choice(String key, String defaultValue, List<String> allowed) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            reject(key, "Expected one of: " + String.join(", ", allowed) + ".");
            return defaultValue;
        }
        return normalized;
    }

    /** Returns a text value or a list of text values as a list; an absent key gives an empty list. */
    List<String> stringOrList(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return List.of();
        }
        Node value = tuple.getValueNode();
        List<String> result = new ArrayList<>();
        if (value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            result.add(scalar.getValue());
        } else if (value instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String text = scalarText(item);
                if (text == null) {
                    problems.add(item, qualify(key), display(item), "Each item must be a single text value.");
                } else {
                    result.add(text);
                }
            }
        } else {
            reject(key, "Expected a text value or a list of text values.");
        }
        return result;
    }

    /**
     * Returns a nested mapping, or null when the key is absent or after recording a problem. Repeated calls return
     * the same section, so the problems found while reading it are recorded once.
     */
    YamlSection section(String key) {
        if (sections.containsKey(key)) {
            return sections.get(key);
        }
        YamlSection section = readSection(key);
        sections.put(key, section);
        return section;
    }

    private YamlSection readSection(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return null;
        }
        Node value = tuple.getValueNode();
        if (!(value instanceof MappingNode)) {
            reject(key, "Expected a mapping of keys to values below " + key + ".");
            return null;
        }
        return new YamlSection(problems, qualify(key), value);
    }

    /** Returns whether the key contains a mapping, as opposed to a text value. */
    boolean isSection(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && tuple.getValueNode() instanceof MappingNode;
    }

    /** Returns every mapping in a list; items that are not mappings are recorded as problems. */
    List<YamlSection> sectionList(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return List.of();
        }
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            reject(key, "Expected a list, with each item starting with \"- \".");
            return List.of();
        }
        List<YamlSection> result = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = qualify(key) + "[" + i + "]";
            if (item instanceof MappingNode) {
                result.add(new YamlSection(problems, itemPath, item));
            } else {
                problems.add(item, itemPath, display(item), "Expected a mapping of keys to values.");
            }
        }
        return result;
    }

    /** Returns every entry of a mapping whose values are mappings, by key. */
    Map<String, YamlSection> sectionsByKey() {
        Map<String, YamlSection> result = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            Node value = entry.getValue().getValueNode();
            if (value instanceof MappingNode) {
                result.put(entry.getKey(), new YamlSection(problems, qualify(entry.getKey()), value));
            } else {
                reject(entry.getKey(), "Expected a mapping such as { requests: 10, period: 60s }.");
            }
        }
        return result;
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) ? scalar.getValue() : null;
    }

    private static String display(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        return node instanceof SequenceNode ? "(a list)" : "(a mapping)";
    }

    private static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = editDistance(key.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static <T> List<T> map(List<String> values, Function<String, T> mapper) {
        List<T> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(mapper.apply(value));
        }
        return result;
    }
}
