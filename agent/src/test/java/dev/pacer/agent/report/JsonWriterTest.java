package dev.pacer.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quoteIsEscaped() {
        assertThat(render("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void backslashIsEscaped() {
        assertThat(render("C:\\temp")).isEqualTo("\"C:\\\\temp\"");
    }

    @Test
    void newlineTabReturnAreEscaped() {
        assertThat(render("a\nb\tc\rd")).isEqualTo("\"a\\nb\\tc\\rd\"");
    }

    @Test
    void controlCharsUseUnicodeEscapes() {
        assertThat(render("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
    }

    @Test
    void printableCharsStayLiteral() {
        assertThat(render("é € \u007f /")).isEqualTo("\"é € \u007f /\"");
    }

    @Test
    void everyCharRoundTrips() throws Exception {
        StringBuilder allChars = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            allChars.append(c);
        }
        String text = allChars.toString();

        JsonNode parsed = JSON.readTree(new JsonWriter().beginObject().field("text", text).endObject().toString());

        assertThat(parsed.get("text").asText()).isEqualTo(text);
    }

    @Test
    void nullStringIsNull() {
        assertThat(new JsonWriter().value((String) null).toString()).isEqualTo("null");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteNumberIsNull(double value) {
        assertThat(new JsonWriter().value(value).toString()).isEqualTo("null");
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource({
            "1.23456, 1.235",
            "1.2344, 1.234",
            "0.0005, 0.001",
            "0.0004, 0",
            "2.0, 2",
            "-1.5, -1.5",
            "-0.0004, 0",
            "0.30000000000000004, 0.3",
            "123456789012.0, 123456789012",
    })
    void doubleIsRoundedToThreeDecimals(double value, String expected) {
        assertThat(new JsonWriter().value(value).toString()).isEqualTo(expected);
    }

    @Test
    void largeFractionParsesBack() throws Exception {
        // Double.toString writes values from 1e7 up in E notation, which JSON allows.
        String written = new JsonWriter().value(4398046511.1034).toString();

        assertThat(JSON.readTree(written).asDouble()).isEqualTo(4398046511.103);
    }

    @Test
    void largeDoubleKeepsMagnitude() throws Exception {
        String written = new JsonWriter().value(1e20).toString();

        assertThat(JSON.readTree(written).asDouble()).isEqualTo(1e20);
    }

    @Test
    void longIsWrittenExactly() {
        assertThat(new JsonWriter().value(Long.MAX_VALUE).toString()).isEqualTo("9223372036854775807");
    }

    @Test
    void booleanIsLiteral() {
        assertThat(new JsonWriter().value(true).toString()).isEqualTo("true");
    }

    @Test
    void nestedValuesAreSeparated() {
        String written = new JsonWriter().beginObject()
                .field("a", 1)
                .name("list").beginArray().value(1).value("x").beginObject().endObject().beginArray().endArray()
                .endArray()
                .field("b", "y")
                .name("empty").beginObject().endObject()
                .endObject()
                .toString();

        assertThat(written).isEqualTo("{\"a\":1,\"list\":[1,\"x\",{},[]],\"b\":\"y\",\"empty\":{}}");
    }

    @Test
    void keysAreEscaped() throws Exception {
        String written = new JsonWriter().beginObject().field("a\"b\\c", 1).endObject().toString();

        assertThat(JSON.readTree(written).get("a\"b\\c").asLong()).isEqualTo(1);
    }

    private static String render(String value) {
        return new JsonWriter().value(value).toString();
    }
}
