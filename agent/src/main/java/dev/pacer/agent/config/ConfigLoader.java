package dev.pacer.agent.config;

import dev.pacer.agent.Log;
import dev.pacer.agent.matching.MethodNamePattern;
import dev.pacer.agent.matching.NameGlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads agent.yaml into an {@link AgentConfig}. Every invalid value is collected, and all of them are thrown at
 * once in one {@link InvalidConfigException} whose lines name the file, line, key, value and fix.
 *
 * <p>The parser is SnakeYAML Engine (YAML 1.2). It builds only a node tree, never objects, so a file cannot make
 * the agent instantiate classes.
 */
public final class ConfigLoader {

    static final Set<String> TOP_LEVEL_KEYS = orderedSet("fail-on-error", "log-level", "reporting", "rate-limits",
            "pointcuts", "system-metrics", "alerts");
    static final Set<String> REPORTING_KEYS = orderedSet("interval", "jmx", "jmx-delay", "file",
            "unmatched-warning", "retention", "max-memory");
    static final Set<String> FILE_KEYS = orderedSet("enabled", "directory", "rotate-size", "rotate-daily",
            "max-files");
    static final Set<String> POINTCUT_KEYS = orderedSet("name", "class", "subtype-of", "annotated-with", "method",
            "params", "exclude-class", "exclude-method", "allow-broad", "rate-limit", "on-limit",
            "max-wait", "key");

    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private static final Pattern POINTCUT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern PARAM_TYPE = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\[])*");

    private ConfigLoader() {
    }

    /** Reads and validates a file. */
    public static AgentConfig load(Path file) throws InvalidConfigException {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(label, "(file)", "The file does not exist. Check the path given in config=, the system "
                    + "property pacer.config or the environment variable PACER_CONFIG.");
        } catch (IOException e) {
            throw single(label, "(file)", "The file cannot be read: " + e.getMessage() + ".");
        }
        return parse(text, label);
    }

    /** Validates YAML text; the label names the file in messages. */
    public static AgentConfig parse(String yaml, String label) throws InvalidConfigException {
        YamlSection.Problems problems = new YamlSection.Problems(label);
        Node document = SimpleYaml.compose(yaml, label);
        if (document == null) {
            document = composeWithSnakeYaml(yaml, label);
        }

        YamlSection root = YamlSection.root(problems, document);
        if (root == null) {
            throw new InvalidConfigException(label, problems.inFileOrder(), false);
        }
        AgentConfig config = read(root, label);
        if (!problems.list.isEmpty()) {
            throw new InvalidConfigException(label, problems.inFileOrder(), config.failOnError());
        }
        return config;
    }

    /** Reads YAML that {@link SimpleYaml} does not, and reports its syntax errors. */
    static Node composeWithSnakeYaml(String yaml, String label) throws InvalidConfigException {
        Node document;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(10).build();
            Optional<Node> composed = new Compose(settings).composeString(yaml);
            if (composed.isEmpty()) {
                throw single(label, "(document)", "The file is empty. Add at least a pointcuts: list; see "
                        + "docs/configuration.md.");
            }
            document = composed.get();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
            int column = e.getProblemMark().map(mark -> mark.getColumn() + 1).orElse(0);
            String reason = "The file is not valid YAML: " + e.getProblem() + ". Fix the syntax at this place.";
            throw new InvalidConfigException(label, List.of(new ConfigProblem(label, line, column, "(syntax)", null,
                    reason)), false);
        } catch (YamlEngineException e) {
            throw single(label, "(syntax)", "The file is not valid YAML: " + e.getMessage() + ".");
        }
        return document;
    }

    private static AgentConfig read(YamlSection root, String label) {
        root.rejectUnknownKeys(TOP_LEVEL_KEYS);
        boolean failOnError = root.bool("fail-on-error", false);
        String level = root.choice("log-level", "info", List.of("debug", "info", "warn", "error", "off"));
        ReportingConfig reporting = readReporting(root);
        RateLimitsConfig rateLimits = RateLimitConfigReader.readRateLimits(root);
        List<PointcutConfig> pointcuts = readPointcuts(root, rateLimits);
        SystemMetricsConfig systemMetrics = MonitoringSettingsReader.systemMetrics(root);
        HistoryConfig history = MonitoringSettingsReader.history(root);
        Set<String> pointcutNames = new LinkedHashSet<>();
        Set<String> limitNames = new LinkedHashSet<>(rateLimits.limits().keySet());
        for (PointcutConfig pointcut : pointcuts) {
            pointcutNames.add(pointcut.name());
            if (pointcut.rateLimit() != null) {
                limitNames.add(pointcut.rateLimit().limit());
            }
        }
        List<AlertConfig> alerts = AlertsReader.read(root, pointcutNames, limitNames);
        return new AgentConfig(label, failOnError, Log.Level.valueOf(level.toUpperCase(Locale.ROOT)), reporting,
                pointcuts, rateLimits, systemMetrics, history, alerts);
    }

    private static ReportingConfig readReporting(YamlSection root) {
        ReportingConfig defaults = ReportingConfig.defaults();
        YamlSection reporting = root.section("reporting");
        if (reporting == null) {
            return defaults;
        }
        reporting.rejectUnknownKeys(REPORTING_KEYS);
        long intervalNanos = reporting.duration("interval", defaults.intervalNanos(), MIN_INTERVAL_NANOS);
        boolean jmx = reporting.bool("jmx", defaults.jmx());
        long jmxDelayNanos = reporting.duration("jmx-delay", defaults.jmxDelayNanos(), 0);
        long unmatchedNanos = reporting.duration("unmatched-warning", defaults.unmatchedWarningNanos(), 0);

        boolean fileEnabled = defaults.fileEnabled();
        Path directory = defaults.directory();
        long rotateBytes = defaults.rotateBytes();
        boolean rotateDaily = defaults.rotateDaily();
        int maxFiles = defaults.maxFiles();
        if (reporting.has("file") && !reporting.isSection("file")) {
            fileEnabled = reporting.bool("file", true);
        }
        YamlSection file = reporting.isSection("file") ? reporting.section("file") : null;
        if (file != null) {
            file.rejectUnknownKeys(FILE_KEYS);
            fileEnabled = file.bool("enabled", true);
            String directoryText = file.string("directory", null);
            if (directoryText != null && directoryText.isBlank()) {
                file.reject("directory", "Expected a directory path, such as pacer-out or /var/log/pacer.");
            } else if (directoryText != null) {
                directory = Path.of(directoryText);
            }
            rotateBytes = file.bytes("rotate-size", rotateBytes, 4096);
            rotateDaily = file.bool("rotate-daily", rotateDaily);
            maxFiles = (int) file.integer("max-files", maxFiles, 1, 10_000);
        }
        return new ReportingConfig(intervalNanos, jmx, jmxDelayNanos, fileEnabled, directory, rotateBytes, rotateDaily, maxFiles,
                unmatchedNanos);
    }

    private static List<PointcutConfig> readPointcuts(YamlSection root, RateLimitsConfig rateLimits) {
        List<PointcutConfig> pointcuts = new ArrayList<>();
        Map<String, Integer> lineByName = new HashMap<>();
        for (YamlSection entry : root.sectionList("pointcuts")) {
            PointcutConfig pointcut = readPointcut(entry, rateLimits);
            if (pointcut == null) {
                continue;
            }
            Integer firstLine = lineByName.putIfAbsent(pointcut.name(), pointcut.line());
            if (firstLine != null) {
                entry.reject("name", "Pointcut names must be unique, and this one is already used on line "
                        + firstLine + ". Rename one of them.");
                continue;
            }
            pointcuts.add(pointcut);
        }
        return pointcuts;
    }

    private static PointcutConfig readPointcut(YamlSection entry, RateLimitsConfig rateLimits) {
        entry.rejectUnknownKeys(POINTCUT_KEYS);
        String name = entry.requiredString("name", "orders");
        if (name != null && !POINTCUT_NAME.matcher(name).matches()) {
            entry.reject("name", "Use letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }

        List<String> classes = entry.stringOrList("class");
        for (String glob : classes) {
            String problem = NameGlob.validate(glob);
            if (problem != null) {
                entry.rejectItem("class", glob, problem);
            }
        }
        List<String> subtypeOf = typeNames(entry, "subtype-of", "java.sql.Statement");
        List<String> annotatedWith = typeNames(entry, "annotated-with", "com.example.Timed");
        boolean selectsTypes = !classes.isEmpty() || !subtypeOf.isEmpty() || !annotatedWith.isEmpty();
        if (!selectsTypes) {
            entry.rejectSection("A pointcut needs at least one of class, subtype-of or annotated-with to select "
                    + "classes. Add, for example, class: com.example.OrderService.");
        }

        boolean allowBroad = entry.bool("allow-broad", false);
        String broadGlob = null;
        for (String glob : classes) {
            if (NameGlob.validate(glob) == null && NameGlob.of(glob).matchesEverything()) {
                broadGlob = glob;
                break;
            }
        }
        boolean broad = broadGlob != null && subtypeOf.isEmpty() && annotatedWith.isEmpty();
        if (broad && !allowBroad) {
            entry.rejectItem("class", broadGlob, "This glob selects every class, which weaves the whole application "
                    + "and slows it down. Name a package, such as com.example.**, or add allow-broad: true.");
        }

        String method = entry.string("method", "*");
        String methodProblem = MethodNamePattern.validate(method);
        if (methodProblem != null) {
            entry.reject("method", methodProblem);
        }
        String excludeMethod = entry.string("exclude-method", null);
        if (excludeMethod != null) {
            String problem = MethodNamePattern.validate(excludeMethod);
            if (problem != null) {
                entry.reject("exclude-method", problem);
            }
        }

        List<String> params = null;
        if (entry.has("params")) {
            params = entry.stringOrList("params");
            for (String param : params) {
                if (!PARAM_TYPE.matcher(param.trim()).matches()) {
                    entry.rejectItem("params", param, "\"" + param + "\" is not a type name. Write parameter "
                            + "types as in Java source, fully qualified for classes: [java.lang.String, int, long[]].");
                }
            }
            params = YamlSection.map(params, String::trim);
        }

        List<String> excludeClass = entry.stringOrList("exclude-class");
        for (String glob : excludeClass) {
            String problem = NameGlob.validate(glob);
            if (problem != null) {
                entry.rejectItem("exclude-class", glob, problem);
            }
        }
        PointcutRateLimit rateLimit = RateLimitConfigReader.readPointcut(entry, name, rateLimits);
        if (name == null) {
            return null;
        }
        return new PointcutConfig(name, entry.line(), classes, subtypeOf, annotatedWith, method, params,
                excludeClass, excludeMethod, allowBroad, rateLimit);
    }

    private static List<String> typeNames(YamlSection entry, String key, String example) {
        List<String> names = entry.stringOrList(key);
        for (String name : names) {
            if (!TYPE_NAME.matcher(name).matches()) {
                entry.rejectItem(key, name, "Expected a fully qualified type name without wildcards, such as "
                        + example + ".");
            }
        }
        return names;
    }

    private static InvalidConfigException single(String label, String key, String reason) {
        return new InvalidConfigException(label, List.of(new ConfigProblem(label, 0, 0, key, null, reason)), false);
    }

    static Set<String> orderedSet(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
