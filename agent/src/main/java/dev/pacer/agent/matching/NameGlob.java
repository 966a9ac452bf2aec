package dev.pacer.agent.matching;

import java.util.regex.Pattern;

/**
 * A glob over fully qualified class names. {@code *} matches within one package segment, and {@code **} matches
 * any number of segments, including none: {@code com.example.**.*Service} matches both
 * {@code com.example.OrderService} and {@code com.example.shop.api.OrderService}. Immutable.
 */
public final class NameGlob {

    private final String text;
    private final Pattern pattern;
    private final boolean exact;

    // The text before the first *, without a dot that ends it: every name that the glob matches starts with it,
    // because a final ".**" also matches the package name without the dot.
    private final String literalPrefix;

    private NameGlob(String text) {
        this.text = text;
        this.exact = text.indexOf('*') < 0;
        this.pattern = exact ? null : Pattern.compile(toRegex(text));
        this.literalPrefix = exact ? text : literalPrefix(text);
    }

    /** Returns null when the text is a valid glob, else the reason it is not. */
    public static String validate(String text) {
        if (!isDottedName(text)) {
            return "Expected a class name or glob such as com.example.OrderService or com.example.**.*Service: "
                    + "names of letters, digits, _ and $ separated by dots, with * and ** as wildcards.";
        }
        if (text.contains("***")) {
            return "Use * for one package segment or ** for any number of segments, never ***.";
        }
        return null;
    }

    /** Returns whether the text is non-empty segments of letters, digits, _, $ and * separated by single dots. */
    private static boolean isDottedName(String text) {
        boolean segmentEmpty = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (segmentEmpty) {
                    return false;
                }
                segmentEmpty = true;
            } else if (isNameChar(c)) {
                segmentEmpty = false;
            } else {
                return false;
            }
        }
        return !segmentEmpty;
    }

    /** Returns whether a character may appear in a name or glob segment: an ASCII letter or digit, _, $ or *. */
    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c == '*';
    }

    /** Compiles a glob that {@link #validate} accepted. */
    public static NameGlob of(String text) {
        String problem = validate(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new NameGlob(text);
    }

    /** Returns whether the glob matches a class name. Allocates nothing when the name misses the literal prefix. */
    public boolean matches(String className) {
        if (exact) {
            return text.equals(className);
        }
        return className.startsWith(literalPrefix) && pattern.matcher(className).matches();
    }

    /** Returns whether the glob may match a name in the package tree that starts with the prefix, such as java. */
    public boolean mayMatchUnder(String packagePrefix) {
        return packagePrefix.startsWith(literalPrefix) || literalPrefix.startsWith(packagePrefix);
    }

    /** Returns whether the glob names one class with no wildcard. */
    public boolean isExact() {
        return exact;
    }

    /** Returns whether the glob is only wildcards and dots, so that it matches every class. */
    public boolean matchesEverything() {
        return text.replace("*", "").replace(".", "").isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String literalPrefix(String glob) {
        String prefix = glob.substring(0, glob.indexOf('*'));
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            boolean doubleStar = glob.startsWith("**", i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '.';
            boolean afterDot = regex.length() >= 2 && regex.toString().endsWith("\\.");
            boolean atEnd = i + 2 == glob.length();
            if (doubleStar && segmentStart && glob.startsWith("**.", i)) {
                // A leading or inner "**." segment matches zero or more whole segments.
                regex.append("(?:.*\\.)?");
                i += 3;
            } else if (doubleStar && afterDot && atEnd) {
                // A final ".**" matches zero or more whole segments, so the dot before it is optional.
                regex.setLength(regex.length() - 2);
                regex.append("(?:\\..*)?");
                i += 2;
            } else if (doubleStar) {
                // Inside a segment, as in com.example.**Service, ** matches any run of characters, dots included,
                // and the dots written around it stay required.
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^.]*");
                i++;
            } else {
                char c = glob.charAt(i);
                if (c == '.' || c == '$') {
                    regex.append('\\');
                }
                regex.append(c);
                i++;
            }
        }
        return regex.toString();
    }
}
