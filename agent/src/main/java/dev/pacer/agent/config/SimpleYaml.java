package dev.pacer.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the part of YAML that agent.yaml files use into the node tree that SnakeYAML's composer builds, with the
 * same start marks, so that every message about a value points at the same line and column. Reading agent.yaml
 * is on the application's start-up path, and SnakeYAML's classes, regular expressions and per-character work cost
 * more there than the rest of the agent's start-up together.
 *
 * <p>The part: a document whose root is a block mapping; block mappings and sequences indented with spaces; flow
 * mappings and sequences that close on their line; plain, single-quoted and double-quoted scalars on one line, the
 * latter with the escapes {@code \\ \" \/ \n \t \r}; comments. Anything else, such as anchors, aliases, tags,
 * block scalars, multi-line scalars, tabs, several documents, duplicate keys or any syntax error, makes
 * {@link #compose} return null, and the caller reads the text with SnakeYAML, which also reports the errors.
 *
 * <p>Plain scalars resolve as SnakeYAML's default JSON schema resolves them to null: the empty scalar and
 * {@code null} get {@link Tag#NULL}. Every other scalar gets {@link Tag#STR}, because the agent reads every value as
 * text and never looks at the other tags.
 */
final class SimpleYaml {

    private final String label;
    private final String text;
    private final List<int[]> lines = new ArrayList<>();
    // Index into lines of the line being read.
    private int current;

    private SimpleYaml(String label, String text) {
        this.label = label;
        this.text = text;
    }

    /** Returns the root node of the text, or null when the text uses YAML outside the part this class reads. */
    static Node compose(String text, String label) {
        SimpleYaml reader = new SimpleYaml(label, text);
        try {
            return reader.splitLines() ? reader.document() : null;
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Thrown inside the reader for anything outside the part it reads; never leaves {@link #compose}. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static Unsupported unsupported() {
        return new Unsupported();
    }

    /**
     * Records each line that contains content as {line number, start offset, end offset, indent}, where the end leaves
     * out the line break. Returns false for characters that SnakeYAML counts differently: tabs, carriage returns
     * alone, a byte-order mark and characters outside the Basic Multilingual Plane.
     */
    private boolean splitLines() {
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int indent = 0;
            while (start + indent < contentEnd && text.charAt(start + indent) == ' ') {
                indent++;
            }
            for (int i = start; i < contentEnd; i++) {
                char c = text.charAt(i);
                if (c == '\t' || c == '\r' || c == '\uFEFF' || Character.isSurrogate(c) || c < ' ' && c != '\n') {
                    return false;
                }
            }
            int first = start + indent;
            boolean content = first < contentEnd && text.charAt(first) != '#';
            if (content) {
                lines.add(new int[] {lineNumber, start, contentEnd, indent});
            }
            lineNumber++;
            start = end + 1;
        }
        return true;
    }

    private Node document() {
        if (lines.isEmpty()) {
            return null;
        }
        int[] first = lines.get(0);
        for (int[] line : lines) {
            if (line[3] == 0 && (startsDocumentMarker(line) || text.charAt(line[1]) == '%')) {
                return null;
            }
        }
        Node root = blockMapping(first[3], first[1] + first[3]);
        if (current != lines.size()) {
            throw unsupported();
        }
        return root;
    }

    private boolean startsDocumentMarker(int[] line) {
        return text.startsWith("---", line[1]) || text.startsWith("...", line[1]);
    }

    // Block context

    /**
     * Reads a block mapping whose keys stand at the given indent. The first key starts at {@code firstKey} on the
     * current line, which for a mapping inside a sequence item is right after the dash.
     */
    private MappingNode blockMapping(int indent, int firstKey) {
        List<NodeTuple> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Optional<Mark> start = mark(firstKey);
        int keyOffset = firstKey;
        while (true) {
            int[] line = lines.get(current);
            int colon = keyEnd(keyOffset, line[2]);
            if (colon < 0) {
                throw unsupported();
            }
            ScalarNode key = keyScalar(keyOffset, colon);
            if (!keys.add(key.getValue())) {
                throw unsupported();
            }
            entries.add(new NodeTuple(key, mappingValue(indent, colon + 1, line)));
            if (current >= lines.size()) {
                break;
            }
            int[] next = lines.get(current);
            if (next[3] < indent) {
                break;
            }
            if (next[3] > indent || isSequenceEntry(next[1] + next[3], next[2])) {
                throw unsupported();
            }
            keyOffset = next[1] + next[3];
        }
        return new MappingNode(Tag.MAP, true, entries, FlowStyle.BLOCK, start, start);
    }

    /** Reads the value after a key's colon, on the rest of the line or on the lines below; advances past it. */
    private Node mappingValue(int indent, int afterColon, int[] line) {
        int valueStart = skipSpaces(afterColon, line[2]);
        if (!atLineEnd(valueStart, line[2])) {
            Node value = inlineValue(valueStart, line[2]);
            current++;
            return value;
        }
        current++;
        if (current < lines.size()) {
            int[] next = lines.get(current);
            int nextStart = next[1] + next[3];
            if (next[3] > indent) {
                return blockNode(next[3], nextStart);
            }
            if (next[3] == indent && isSequenceEntry(nextStart, next[2])) {
                return blockSequence(indent);
            }
        }
        return emptyScalar(line, afterColon);
    }

    /** Reads the block node that starts the current line at the given indent. */
    private Node blockNode(int indent, int start) {
        int[] line = lines.get(current);
        if (isSequenceEntry(start, line[2])) {
            return blockSequence(indent);
        }
        if (keyEnd(start, line[2]) >= 0) {
            return blockMapping(indent, start);
        }
        // A scalar alone on the line below its key; one that continues on further lines is not read here.
        Node value = inlineValue(start, line[2]);
        current++;
        if (current < lines.size() && lines.get(current)[3] >= indent) {
            throw unsupported();
        }
        return value;
    }

    private SequenceNode blockSequence(int indent) {
        List<Node> items = new ArrayList<>();
        int[] firstLine = lines.get(current);
        Optional<Mark> start = mark(firstLine[1] + indent);
        while (current < lines.size()) {
            int[] line = lines.get(current);
            int dash = line[1] + line[3];
            if (line[3] < indent || line[3] == indent && !isSequenceEntry(dash, line[2])) {
                // A line at the sequence's indent that is no entry ends a sequence nested in a mapping at the same
                // indent. The mapping then reads that line as its next key.
                break;
            }
            if (line[3] > indent) {
                throw unsupported();
            }
            items.add(sequenceItem(indent, dash, line));
        }
        return new SequenceNode(Tag.SEQ, true, items, FlowStyle.BLOCK, start, start);
    }

    private Node sequenceItem(int indent, int dash, int[] line) {
        int itemStart = skipSpaces(dash + 1, line[2]);
        if (atLineEnd(itemStart, line[2])) {
            current++;
            if (current < lines.size() && lines.get(current)[3] > indent) {
                int[] next = lines.get(current);
                return blockNode(next[3], next[1] + next[3]);
            }
            return emptyScalar(line, dash + 1);
        }
        if (isSequenceEntry(itemStart, line[2])) {
            throw unsupported();
        }
        if (keyEnd(itemStart, line[2]) >= 0) {
            return blockMapping(itemStart - line[1], itemStart);
        }
        Node value = inlineValue(itemStart, line[2]);
        current++;
        if (current < lines.size() && lines.get(current)[3] > indent) {
            throw unsupported();
        }
        return value;
    }

    private boolean isSequenceEntry(int offset, int end) {
        return text.charAt(offset) == '-' && (offset + 1 == end || text.charAt(offset + 1) == ' ');
    }

    /**
     * Returns the offset of the colon that ends a block mapping key starting at {@code offset}, or -1 when the line
     * holds no key there.
     */
    private int keyEnd(int offset, int end) {
        char first = text.charAt(offset);
        if (first == '"' || first == '\'') {
            int close = quotedEnd(offset, end);
            int colon = skipSpaces(close, end);
            return colon < end && text.charAt(colon) == ':' && isBreakAfter(colon + 1, end) ? colon : -1;
        }
        if (isIndicator(first, offset, end)) {
            return -1;
        }
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            if (c == ':' && isBreakAfter(i + 1, end)) {
                return i;
            }
            if (c == '#' && text.charAt(i - 1) == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private ScalarNode keyScalar(int offset, int colon) {
        char first = text.charAt(offset);
        if (first == '"' || first == '\'') {
            int close = quotedEnd(offset, colon);
            return quotedScalar(offset, close);
        }
        return plainScalar(offset, trimEnd(offset, colon));
    }

    /** Reads a flow collection or a scalar that must end the line, apart from a comment. */
    private Node inlineValue(int offset, int end) {
        char first = text.charAt(offset);
        Node value;
        int after;
        if (first == '{' || first == '[') {
            int[] position = {offset};
            value = flowNode(position, end);
            after = position[0];
        } else if (first == '"' || first == '\'') {
            after = quotedEnd(offset, end);
            value = quotedScalar(offset, after);
        } else {
            if (isIndicator(first, offset, end)) {
                throw unsupported();
            }
            after = offset;
            while (after < end && !(text.charAt(after) == '#' && text.charAt(after - 1) == ' ')) {
                char c = text.charAt(after);
                if (c == ':' && isBreakAfter(after + 1, end)) {
                    throw unsupported();
                }
                after++;
            }
            value = plainScalar(offset, trimEnd(offset, after));
        }
        if (!atLineEnd(skipSpaces(after, end), end)) {
            throw unsupported();
        }
        return value;
    }

    // Flow context

    private Node flowNode(int[] position, int end) {
        int offset = skipSpaces(position[0], end);
        if (offset >= end) {
            throw unsupported();
        }
        char first = text.charAt(offset);
        if (first == '{') {
            return flowMapping(position, offset, end);
        }
        if (first == '[') {
            return flowSequence(position, offset, end);
        }
        if (first == '"' || first == '\'') {
            int close = quotedEnd(offset, end);
            position[0] = close;
            return quotedScalar(offset, close);
        }
        if (isIndicator(first, offset, end) || first == '}' || first == ']' || first == ',') {
            throw unsupported();
        }
        int stop = flowPlainEnd(offset, end);
        position[0] = stop;
        return plainScalar(offset, trimEnd(offset, stop));
    }

    private MappingNode flowMapping(int[] position, int open, int end) {
        List<NodeTuple> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int offset = skipSpaces(open + 1, end);
        if (offset < end && text.charAt(offset) == '}') {
            position[0] = offset + 1;
            return new MappingNode(Tag.MAP, true, entries, FlowStyle.FLOW, mark(open), mark(open));
        }
        while (true) {
            position[0] = offset;
            Node key = flowNode(position, end);
            if (!(key instanceof ScalarNode scalarKey) || !keys.add(scalarKey.getValue())) {
                throw unsupported();
            }
            int colon = skipSpaces(position[0], end);
            if (colon >= end || text.charAt(colon) != ':') {
                throw unsupported();
            }
            position[0] = colon + 1;
            entries.add(new NodeTuple(key, flowNode(position, end)));
            int next = skipSpaces(position[0], end);
            if (next >= end) {
                throw unsupported();
            }
            if (text.charAt(next) == '}') {
                position[0] = next + 1;
                return new MappingNode(Tag.MAP, true, entries, FlowStyle.FLOW, mark(open), mark(open));
            }
            if (text.charAt(next) != ',') {
                throw unsupported();
            }
            offset = skipSpaces(next + 1, end);
        }
    }

    private SequenceNode flowSequence(int[] position, int open, int end) {
        List<Node> items = new ArrayList<>();
        int offset = skipSpaces(open + 1, end);
        if (offset < end && text.charAt(offset) == ']') {
            position[0] = offset + 1;
            return new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, mark(open), mark(open));
        }
        while (true) {
            position[0] = offset;
            items.add(flowNode(position, end));
            int next = skipSpaces(position[0], end);
            if (next >= end) {
                throw unsupported();
            }
            if (text.charAt(next) == ']') {
                position[0] = next + 1;
                return new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, mark(open), mark(open));
            }
            if (text.charAt(next) != ',') {
                throw unsupported();
            }
            offset = skipSpaces(next + 1, end);
        }
    }

    /** Returns where a plain scalar in a flow collection ends: at , [ ] { }, a colon before a space, or a comment. */
    private int flowPlainEnd(int offset, int end) {
        int i = offset;
        while (i < end) {
            char c = text.charAt(i);
            if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
                return i;
            }
            if (c == ':' && (i + 1 == end || " ,[]{}".indexOf(text.charAt(i + 1)) >= 0)) {
                return i;
            }
            if (c == '#' && text.charAt(i - 1) == ' ') {
                throw unsupported();
            }
            i++;
        }
        throw unsupported();
    }

    // Scalars

    /** Returns the offset after the closing quote of a quoted scalar on this line. */
    private int quotedEnd(int open, int end) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < end) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (quote == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw unsupported();
    }

    private ScalarNode quotedScalar(int open, int afterClose) {
        char quote = text.charAt(open);
        StringBuilder value = new StringBuilder(afterClose - open);
        for (int i = open + 1; i < afterClose - 1; i++) {
            char c = text.charAt(i);
            if (quote == '\'' && c == '\'') {
                i++;
            } else if (quote == '"' && c == '\\') {
                i++;
                c = unescape(text.charAt(i));
            }
            value.append(c);
        }
        ScalarStyle style = quote == '"' ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.SINGLE_QUOTED;
        return new ScalarNode(Tag.STR, false, value.toString(), style, mark(open), mark(open));
    }

    private static char unescape(char escaped) {
        switch (escaped) {
            case '\\':
            case '"':
            case '/':
                return escaped;
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            default:
                throw unsupported();
        }
    }

    private ScalarNode plainScalar(int offset, int end) {
        String value = text.substring(offset, end);
        Tag tag = value.equals("null") ? Tag.NULL : Tag.STR;
        return new ScalarNode(tag, true, value, ScalarStyle.PLAIN, mark(offset), mark(offset));
    }

    /**
     * Returns the empty scalar of a key or dash with no value, marked where SnakeYAML marks it: at the end of the
     * line that contains the key or dash.
     */
    private ScalarNode emptyScalar(int[] line, int afterIndicator) {
        int offset = trimEnd(afterIndicator, commentStart(afterIndicator, line[2]));
        return new ScalarNode(Tag.NULL, true, "", ScalarStyle.PLAIN, mark(offset), mark(offset));
    }

    /**
     * Returns whether the character starts a YAML construct outside the part read here, or an indicator that a plain
     * scalar cannot start with.
     */
    private boolean isIndicator(char c, int offset, int end) {
        if ("&*!|>%@`#,[]{}\"'".indexOf(c) >= 0) {
            return true;
        }
        // -, ? and : start a plain scalar only when a non-space follows, as in -5.
        return (c == '-' || c == '?' || c == ':') && isBreakAfter(offset + 1, end);
    }

    private boolean isBreakAfter(int offset, int end) {
        return offset >= end || text.charAt(offset) == ' ';
    }

    private int skipSpaces(int offset, int end) {
        int i = offset;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private boolean atLineEnd(int offset, int end) {
        return offset >= end || text.charAt(offset) == '#';
    }

    private int commentStart(int offset, int end) {
        for (int i = offset; i < end; i++) {
            if (text.charAt(i) == '#' && (i == offset || text.charAt(i - 1) == ' ')) {
                return i;
            }
        }
        return end;
    }

    private int trimEnd(int start, int end) {
        int i = end;
        while (i > start && text.charAt(i - 1) == ' ') {
            i--;
        }
        return i;
    }

    /** Returns the mark of an offset in the text, with SnakeYAML's zero-based line and column. */
    private Optional<Mark> mark(int offset) {
        int low = 0;
        int high = lines.size() - 1;
        int[] line = lines.get(0);
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int[] candidate = lines.get(middle);
            if (candidate[1] <= offset) {
                line = candidate;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.of(new Mark(label, offset, line[0], offset - line[1], new int[0], 0));
    }
}
