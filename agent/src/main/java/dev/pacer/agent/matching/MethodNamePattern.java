package dev.pacer.agent.matching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Method-name alternatives separated by {@code |}, each a name or a glob where {@code *} matches any run of
 * characters, such as {@code execute*|close}. The alternative {@code *} alone is a wildcard: it matches every
 * method except getters, setters, {@code equals}, {@code hashCode} and {@code toString}, which are matched only by
 * an alternative that names them. Immutable.
 */
public final class MethodNamePattern {


    private final String text;
    private final Set<String> names;
    private final List<Pattern> alternatives;
    private final boolean hasWildcard;
    private final boolean namesConstructors;

    private MethodNamePattern(String text) {
        this.text = text;
        Set<String> literal = new HashSet<>();
        List<Pattern> compiled = new ArrayList<>();
        boolean wildcard = false;
        boolean constructors = false;
        for (String alternative : split(text)) {
            if (alternative.equals("*")) {
                wildcard = true;
            } else if (alternative.equals("<init>")) {
                constructors = true;
            } else if (alternative.indexOf('*') < 0) {
                literal.add(alternative);
            } else {
                compiled.add(Pattern.compile(Pattern.quote(alternative).replace("*", "\\E.*\\Q")));
            }
        }
        this.names = Set.copyOf(literal);
        this.alternatives = List.copyOf(compiled);
        this.hasWildcard = wildcard;
        this.namesConstructors = constructors;
    }

    /** Returns null when the text is a valid pattern, else the reason it is not. */
    public static String validate(String text) {
        if (text.isBlank()) {
            return "Expected one or more method names or globs separated by |, such as \"execute*|close\".";
        }
        for (String alternative : split(text)) {
            if (!isValidAlternative(alternative)) {
                return "\"" + alternative + "\" is not a method name or glob. Use letters, digits, _, $ and *, "
                        + "or <init> for constructors, and separate alternatives with |.";
            }
        }
        return null;
    }

    private static boolean isValidAlternative(String alternative) {
        if (alternative.equals("<init>")) {
            return true;
        }
        for (int i = 0; i < alternative.length(); i++) {
            if (!NameGlob.isNameChar(alternative.charAt(i))) {
                return false;
            }
        }
        return !alternative.isEmpty();
    }

    public static MethodNamePattern of(String text) {
        String problem = validate(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new MethodNamePattern(text);
    }

    /**
     * Returns whether the pattern selects a method.
     *
     * @param name            the method name, {@code <init>} for a constructor, which only the alternative
     *                         {@code <init>} selects
     * @param accessorOrObject whether the method is a getter, a setter, equals, hashCode or toString, which the
     *                         wildcard alone never selects
     */
    public boolean matches(String name, boolean accessorOrObject) {
        if (name.equals("<init>")) {
            return namesConstructors;
        }
        if (names.contains(name)) {
            return true;
        }
        for (Pattern alternative : alternatives) {
            if (alternative.matcher(name).matches()) {
                return true;
            }
        }
        return hasWildcard && !accessorOrObject;
    }

    /** Returns whether the alternative {@code <init>} names constructors. */
    public boolean namesConstructors() {
        return namesConstructors;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("\\|", -1)) {
            parts.add(part.trim());
        }
        return parts;
    }
}
