package dev.pacer.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second argument of {@code matches} is true for a getter, a setter, equals, hashCode or toString. The weaver
 * derives it from the method's signature, so these tests pass it directly.
 */
class MethodNamePatternTest {

    @ParameterizedTest(name = "{0} matches {1} (accessor or Object method: {2}): {3}")
    @CsvSource({
            // Names and globs.
            "place, place, false, true",
            "place, placeOrder, false, false",
            "execute*, executeQuery, false, true",
            "execute*, execute, false, true",
            "execute*, doExecute, false, false",
            "*Query, executeQuery, false, true",
            "access$000, access$000, false, true",
            "access$000, accessX000, false, false",

            // Alternatives separated by |, with blanks around them ignored.
            "execute*|close, executeUpdate, false, true",
            "execute*|close, close, false, true",
            "execute*|close, open, false, false",
            "' place | cancel ', cancel, false, true",

            // The wildcard * alone skips accessors and Object methods.
            "*, process, false, true",
            "*, getName, true, false",
            "*, setName, true, false",
            "*, isActive, true, false",
            "*, equals, true, false",
            "*, hashCode, true, false",
            "*, toString, true, false",

            // An alternative that names an accessor or Object method selects it.
            "*|getName, getName, true, true",
            "*|toString, toString, true, true",
            "get*, getName, true, true",
            "toString, toString, true, true",

            // Constructors only through the literal alternative <init>.
            "*, <init>, false, false",
            "*init*, <init>, false, false",
            "<init>, <init>, false, true",
            "<init>, init, false, false",
            "<init>, process, false, false",
            "process|<init>, <init>, false, true",
            "process|<init>, process, false, true",
    })
    void matchesMethodNames(String pattern, String methodName, boolean accessorOrObject, boolean expected) {
        assertThat(MethodNamePattern.of(pattern).matches(methodName, accessorOrObject)).isEqualTo(expected);
    }

    @Test
    void initAlternativeNamesConstructors() {
        assertThat(MethodNamePattern.of("place|<init>").namesConstructors()).isTrue();
    }

    @Test
    void wildcardDoesNotNameConstructors() {
        assertThat(MethodNamePattern.of("*").namesConstructors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "execute*|close", "<init>", "get*|set*", "access$000", " place | cancel "})
    void validateAcceptsPatterns(String pattern) {
        assertThat(MethodNamePattern.validate(pattern)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "find(, find(",
            "find.all, find.all",
            "'place||cancel', ''",
            "'place|', ''",
            "<clinit>, <clinit>",
            "<init>*, <init>*",
            "'get name', get name",
    })
    void validateNamesBadAlternative(String pattern, String alternative) {
        assertThat(MethodNamePattern.validate(pattern)).isEqualTo("\"" + alternative + "\" is not a method name or "
                + "glob. Use letters, digits, _, $ and *, or <init> for constructors, and separate alternatives "
                + "with |.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void validateRejectsBlank(String pattern) {
        assertThat(MethodNamePattern.validate(pattern)).isEqualTo(
                "Expected one or more method names or globs separated by |, such as \"execute*|close\".");
    }

    @Test
    void ofRejectsInvalidPattern() {
        assertThatIllegalArgumentException().isThrownBy(() -> MethodNamePattern.of("find("))
                .withMessageStartingWith("\"find(\" is not a method name");
    }
}
