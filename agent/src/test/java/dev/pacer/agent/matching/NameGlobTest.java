package dev.pacer.agent.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameGlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            // An exact name matches only itself.
            "com.example.OrderService, com.example.OrderService, true",
            "com.example.OrderService, com.example.OrderServiceImpl, false",
            "com.example.OrderService, com.example.shop.OrderService, false",

            // * stays within one segment.
            "com.example.*Service, com.example.OrderService, true",
            "com.example.*Service, com.example.Service, true",
            "com.example.*Service, com.example.shop.OrderService, false",
            "com.*, com.OrderService, true",
            "com.*, com.example.OrderService, false",
            "*.OrderService, OrderService, false",

            // ** spans zero or more segments.
            "com.example.**.*Service, com.example.OrderService, true",
            "com.example.**.*Service, com.example.a.b.OrderService, true",
            "com.example.**.*Service, com.exampleX.OrderService, false",
            "com.example.**.*Service, com.example.OrderRepository, false",
            "com.example.**, com.example.OrderService, true",
            "com.example.**, com.example.shop.api.OrderService, true",
            "com.example.**, com.exampleX.OrderService, false",
            "**.OrderService, OrderService, true",
            "**.OrderService, com.example.OrderService, true",
            "**.OrderService, com.example.MyOrderService, false",
            "com.**.**.OrderService, com.OrderService, true",

            // ** inside a segment also crosses dots, but the dots written around it stay required.
            "com.example.**Service, com.example.shop.OrderService, true",
            "com.example.**Service, com.exampleService, false",
            "com.ex**.OrderService, com.example.shop.OrderService, true",
            "com.ex**.OrderService, com.exOrderService, false",

            // $ separates nested classes and is a literal character, not a segment boundary.
            "com.example.Outer$Inner, com.example.Outer$Inner, true",
            "com.example.Outer$*, com.example.Outer$Inner, true",
            "com.example.Outer$*, com.example.OuterInner, false",
            "com.example.*$Inner, com.example.Outer$Inner, true",
            "com.example.*Service, com.example.Outer$OrderService, true",
    })
    void matchesClassNames(String glob, String className, boolean expected) {
        assertThat(NameGlob.of(glob).matches(className)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "**.*", "*.*", "*.**"})
    void wildcardOnlyGlobMatchesEverything(String glob) {
        assertThat(NameGlob.of(glob).matchesEverything()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.**", "**.*Service", "com.example.OrderService"})
    void namedGlobIsNotBroad(String glob) {
        assertThat(NameGlob.of(glob).matchesEverything()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.OrderService", "com.example.Outer$Inner", "OrderService"})
    void nameWithoutStarIsExact(String glob) {
        assertThat(NameGlob.of(glob).isExact()).isTrue();
    }

    @Test
    void globWithStarIsNotExact() {
        assertThat(NameGlob.of("com.example.*").isExact()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.**.*Service", "com.example.Outer$Inner", "_internal.$Gen", "**"})
    void validateAcceptsGlobs(String glob) {
        assertThat(NameGlob.validate(glob)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "com..x", ".com", "com.", "com/example/X", "com.example.Order-Service", "com example"})
    void validateRejectsMalformedNames(String glob) {
        assertThat(NameGlob.validate(glob)).startsWith("Expected a class name or glob such as");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.***", "***", "com.****.X"})
    void validateRejectsTripleStar(String glob) {
        assertThat(NameGlob.validate(glob)).isEqualTo(
                "Use * for one package segment or ** for any number of segments, never ***.");
    }

    @Test
    void ofRejectsInvalidGlob() {
        assertThatIllegalArgumentException().isThrownBy(() -> NameGlob.of("com..x"))
                .withMessageStartingWith("Expected a class name or glob");
    }

    @Test
    void toStringReturnsGlob() {
        assertThat(NameGlob.of("com.example.**")).hasToString("com.example.**");
    }

    @Test
    void mayMatchUnderComparesTheLiteralPrefix() {
        assertThat(NameGlob.of("java.util.zip.Adler32").mayMatchUnder("java.")).isTrue();
        assertThat(NameGlob.of("java.util.**").mayMatchUnder("java.")).isTrue();
        assertThat(NameGlob.of("**.*Service").mayMatchUnder("java.")).isTrue();
        assertThat(NameGlob.of("ja*").mayMatchUnder("java.")).isTrue();
        assertThat(NameGlob.of("com.example.**").mayMatchUnder("java.")).isFalse();
        assertThat(NameGlob.of("javafx.scene.Node").mayMatchUnder("java.")).isFalse();
    }
}
