package dev.pacer.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Compares {@link SimpleYaml} with SnakeYAML, node by node: the same kinds, values, nulls and start marks for every
 * agent.yaml in the repository and for random documents of the part of YAML it reads, and null for YAML outside that
 * part, which then goes to SnakeYAML.
 */
class SimpleYamlTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    static Stream<String> repositoryYaml() throws IOException {
        List<String> documents = new ArrayList<>();
        try (Stream<Path> examples = Files.list(REPOSITORY.resolve("config-examples"))) {
            for (Path file : examples.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                documents.add(Files.readString(file));
            }
        }
        for (String doc : List.of("README.md", "docs/configuration.md", "docs/rate-limiting.md")) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(REPOSITORY.resolve(doc)));
            while (block.find()) {
                documents.add(block.group(1));
            }
        }
        assertThat(documents).hasSizeGreaterThan(8);
        return documents.stream();
    }

    @ParameterizedTest
    @MethodSource("repositoryYaml")
    void readsEveryRepositoryConfigAsSnakeYamlDoes(String yaml) {
        Node simple = SimpleYaml.compose(yaml, "agent.yaml");

        assertThat(simple).as("read without SnakeYAML:%n%s", yaml).isNotNull();
        assertSameTree(simple, snakeYaml(yaml), "$");

        String windowsLineEnds = yaml.replace("\n", "\r\n");
        assertSameTree(SimpleYaml.compose(windowsLineEnds, "agent.yaml"), snakeYaml(windowsLineEnds), "$");
    }

    @Test
    void readsRandomDocumentsAsSnakeYamlDoes() {
        Random random = new Random(20261204L);
        int read = 0;
        for (int i = 0; i < 3_000; i++) {
            String yaml = new Generator(random).document();
            Node expected = snakeYaml(yaml);
            Node simple = SimpleYaml.compose(yaml, "agent.yaml");
            assertThat(simple).as("document %d:%n%s", i, yaml).isNotNull();
            assertSameTree(simple, expected, "document " + i + ":\n" + yaml + "\n$");
            read++;
        }
        assertThat(read).isEqualTo(3_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: &anchor 1\nb: *anchor\n",
        "a: !!str 1\n",
        "a: |\n  block\n",
        "a: >\n  folded\n",
        "a: multi\n  line\n",
        "a: 'open\n  quote'\n",
        "a: {b: 1,\n  c: 2}\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "\ta: 1\n",
        "a:\n\t- 1\n",
        "- a\n- b\n",
        "plain\n",
        "a: b: c\n",
        "a: \"\\x41\"\n",
        "? complex\n: key\n",
        "a:\n  - - nested\n",
        "a: [1, 2\n",
        "a: \"unclosed\n",
        "a:\n    b: 1\n  c: 2\n",
        "a: 1\n  b: 2\n",
        "a: @reserved\n",
        "a: {b}\n",
        "a: [b: c]\n",
        "\uFEFFa: 1\n",
        "a: 😀\n",
        ""
    })
    void leavesOtherYamlToSnakeYaml(String yaml) {
        assertThat(SimpleYaml.compose(yaml, "agent.yaml")).as(yaml).isNull();
    }

    @Test
    void configFromEitherReaderIsTheSame() throws Exception {
        String yaml = """
                reporting:
                  interval: 5s
                pointcuts:
                  - name: builds
                    class: com.example.CiClient
                    method: "triggerBuild|rebuild"
                    rate-limit: { requests: 10, period: 60s }
                    key: arg0
                """;
        String withAnchor = yaml.replace("interval: 5s", "interval: &every 5s");

        assertThat(SimpleYaml.compose(withAnchor, "agent.yaml")).isNull();
        assertThat(ConfigLoader.parse(withAnchor, "agent.yaml")).isEqualTo(ConfigLoader.parse(yaml, "agent.yaml"));
    }

    private static Node snakeYaml(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel("agent.yaml").setAllowDuplicateKeys(false).build();
        try {
            Optional<Node> node = new Compose(settings).composeString(yaml);
            return node.orElseThrow();
        } catch (YamlEngineException e) {
            throw new AssertionError("SnakeYAML rejects:\n" + yaml, e);
        }
    }

    private static void assertSameTree(Node actual, Node expected, String path) {
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        assertThat(position(actual)).as(path + " start mark").isEqualTo(position(expected));
        if (expected instanceof ScalarNode expectedScalar) {
            ScalarNode actualScalar = (ScalarNode) actual;
            assertThat(actualScalar.getValue()).as(path).isEqualTo(expectedScalar.getValue());
            assertThat(actualScalar.getTag().equals(Tag.NULL)).as(path + " is null")
                    .isEqualTo(expectedScalar.getTag().equals(Tag.NULL));
            assertThat(actualScalar.getScalarStyle()).as(path).isEqualTo(expectedScalar.getScalarStyle());
        } else if (expected instanceof MappingNode expectedMapping) {
            List<NodeTuple> actualEntries = ((MappingNode) actual).getValue();
            List<NodeTuple> expectedEntries = expectedMapping.getValue();
            assertThat(actualEntries).as(path).hasSameSizeAs(expectedEntries);
            for (int i = 0; i < expectedEntries.size(); i++) {
                String key = path + "." + ((ScalarNode) expectedEntries.get(i).getKeyNode()).getValue();
                assertSameTree(actualEntries.get(i).getKeyNode(), expectedEntries.get(i).getKeyNode(), key + "(key)");
                assertSameTree(actualEntries.get(i).getValueNode(), expectedEntries.get(i).getValueNode(), key);
            }
        } else {
            List<Node> actualItems = ((SequenceNode) actual).getValue();
            List<Node> expectedItems = ((SequenceNode) expected).getValue();
            assertThat(actualItems).as(path).hasSameSizeAs(expectedItems);
            for (int i = 0; i < expectedItems.size(); i++) {
                assertSameTree(actualItems.get(i), expectedItems.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String position(Node node) {
        Mark mark = node.getStartMark().orElseThrow();
        return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    /** Writes random valid documents of the part of YAML that {@link SimpleYaml} reads. */
    private static final class Generator {

        private static final String[] WORDS = {
            "a", "name", "class", "com.example.**.*Service", "60s", "10", "-5", "0.5", "true", "null", "Null", "~",
            "x:y", "http://127.0.0.1:6379", "a b", "p99 > 50ms", "arg0.user.id", "trigger|rebuild", "$x", "50%",
            "a#b", "<init>", "-x", "?y", "é", "key-with-dash", "under_score"
        };

        private final Random random;
        private final StringBuilder out = new StringBuilder();
        private int keys;

        Generator(Random random) {
            this.random = random;
        }

        String document() {
            if (random.nextInt(4) == 0) {
                out.append("# leading comment\n");
            }
            blockMapping(0, 0);
            return out.toString();
        }

        private void blockMapping(int indent, int depth) {
            int entries = 1 + random.nextInt(4);
            for (int i = 0; i < entries; i++) {
                // The caller writes the first key's indent, or the dash of the sequence item that contains it.
                if (i > 0) {
                    out.append(" ".repeat(indent));
                }
                out.append(key()).append(':');
                value(indent, depth);
                if (random.nextInt(6) == 0) {
                    out.append('\n');
                }
            }
        }

        private void value(int indent, int depth) {
            int choice = depth >= 3 ? random.nextInt(3) : random.nextInt(6);
            switch (choice) {
                case 0 -> out.append(' ').append(scalar(false)).append(comment()).append('\n');
                case 1 -> out.append(' ').append(flow(depth)).append(comment()).append('\n');
                case 2 -> out.append(comment()).append('\n');
                case 3 -> {
                    out.append(comment()).append('\n').append(" ".repeat(indent + 2));
                    blockMapping(indent + 2, depth + 1);
                }
                case 4 -> {
                    out.append('\n');
                    blockSequence(random.nextBoolean() ? indent : indent + 2, depth + 1);
                }
                default -> {
                    out.append('\n').append(" ".repeat(indent + 4));
                    out.append(scalar(false)).append('\n');
                }
            }
        }

        private void blockSequence(int indent, int depth) {
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                out.append(" ".repeat(indent)).append('-');
                int kind = depth >= 3 ? random.nextInt(2) : random.nextInt(4);
                switch (kind) {
                    case 0 -> out.append(' ').append(scalar(false)).append(comment()).append('\n');
                    case 1 -> out.append(' ').append(flow(depth)).append('\n');
                    case 2 -> {
                        out.append(' ');
                        blockMapping(indent + 2, depth + 1);
                    }
                    default -> {
                        out.append('\n').append(" ".repeat(indent + 2));
                        blockMapping(indent + 2, depth + 1);
                    }
                }
            }
        }

        private String flow(int depth) {
            int size = random.nextInt(4);
            StringBuilder flow = new StringBuilder();
            boolean mapping = random.nextBoolean();
            flow.append(mapping ? '{' : '[');
            String space = random.nextBoolean() ? " " : "";
            flow.append(size > 0 ? space : "");
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    flow.append(',').append(random.nextBoolean() ? " " : "");
                }
                if (mapping) {
                    flow.append(key()).append(": ");
                }
                flow.append(depth < 3 && random.nextInt(5) == 0 ? flow(depth + 1) : scalar(true));
            }
            flow.append(size > 0 ? space : "").append(mapping ? '}' : ']');
            return flow.toString();
        }

        private String key() {
            keys++;
            String key = "k" + keys + (random.nextInt(3) == 0 ? "-" + WORDS[random.nextInt(3)] : "");
            return random.nextInt(8) == 0 ? "\"" + key + "\"" : key;
        }

        private String scalar(boolean flow) {
            String word = WORDS[random.nextInt(WORDS.length)];
            int style = random.nextInt(5);
            boolean plainAllowed = !word.startsWith("?") && !word.startsWith("~") || !flow;
            if (style == 0 || word.equals("<init>") && flow || !plainAllowed || flow && word.contains(":")) {
                return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + (random.nextBoolean() ? "\\n" : "")
                        + "\"";
            }
            if (style == 1) {
                return "'" + word.replace("'", "''") + (random.nextBoolean() ? "''s" : "") + "'";
            }
            return word + (random.nextInt(4) == 0 ? " and more" : "");
        }

        private String comment() {
            return random.nextInt(5) == 0 ? "   # note: " + WORDS[random.nextInt(WORDS.length)] : "";
        }
    }
}
