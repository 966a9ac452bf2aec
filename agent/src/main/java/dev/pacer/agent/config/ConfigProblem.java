package dev.pacer.agent.config;

/**
 * One invalid value in agent.yaml: where it is, the key that contains it, the value as written, and what to write
 * instead.
 *
 * @param file   the file name as the user gave it
 * @param line   1-based line, or 0 when the problem has no place in the file
 * @param column 1-based column, or 0 when unknown
 * @param key    the dotted path of the key, such as {@code pointcuts[2].method}
 * @param value  the rejected value as written, or null when the key is missing
 * @param reason what is wrong and how to fix it, as one or two sentences
 */
public record ConfigProblem(String file, int line, int column, String key, String value, String reason) {

    /** Formats the problem as {@code file:line:column: key: "value": reason}. */
    public String describe() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ").append(key);
        if (value != null) {
            text.append(" = \"").append(value).append('"');
        }
        return text.append(": ").append(reason).toString();
    }
}
