package dev.stackagent.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.stackagent.desired.Durations;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Options;
import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.StackConfig;
import dev.stackagent.desired.VerificationSpec;

/**
 * {@code docs/stack.schema.json}: the template's stack.yaml is valid, typos are rejected, and the
 * schema has exactly the fields (and defaults) of the Java model, level by level.
 */
class StackSchemaTest {
    /** Configured as the desired-state reader's strict mapper: unknown fields and scalar coercion are errors. */
    static final ObjectMapper STRICT = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static JsonNode schemaTree;
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaTree = new ObjectMapper().readTree(TemplateFiles.stackSchema().toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaTree);
    }

    static ObjectNode templateStack() {
        return TemplateFiles.readObject(TemplateFiles.stackDir().resolve("stack.yaml"));
    }

    static Set<String> errors(JsonNode stack) {
        return schema.validate(stack).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void schemaIsDraft07() {
        assertThat(schemaTree.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    @Test
    void templateStackIsValid() {
        assertThat(errors(templateStack())).isEmpty();
    }

    @Test
    void templateStackParsesIntoTheModel() throws IOException {
        StackConfig config = STRICT.readValue(TemplateFiles.stackDir().resolve("stack.yaml").toFile(), StackConfig.class);
        assertThat(config.apiVersion()).isEqualTo(StackConfig.API_VERSION);
        assertThat(config.kind()).isEqualTo(StackConfig.KIND);
        assertThat(config.cluster().resourceName())
                .isEqualTo("projects/ecoeng-llmd/locations/europe-west4-a/clusters/llmd-istio-tpu-pattern1");
        assertThat(config.namespaces()).extracting(n -> n.name()).containsExactly(TemplateFiles.NAMESPACE);
        ScheduleSpec.Window window = config.schedule().awake().get(0);
        assertThat(window.days()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(window.from()).isEqualTo(LocalTime.of(7, 0));
        assertThat(window.to()).isEqualTo(LocalTime.of(19, 0));
        assertThat(config.schedule().wakeLeadTime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.verification().load().maxP95Latency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.options().pruneEnabled()).isTrue();
        assertThat(config.options().suspended()).isFalse();
    }

    static Stream<Arguments> typos() {
        return Stream.of(
                typo("top level", "option", o -> o.set("option", o.remove("options"))),
                typo("cluster", "zone", o -> ((ObjectNode) o.path("cluster")).put("zone", "europe-west4-a")),
                typo("node pool", "machinetype", o -> pool(o).set("machinetype", pool(o).remove("machineType"))),
                typo("autoscaling", "maxNodes", o -> ((ObjectNode) pool(o).path("autoscaling")).put("maxNodes", 3)),
                typo("taint", "efect", o -> ((ObjectNode) pool(o).path("taints").path(0)).put("efect", "NO_SCHEDULE")),
                typo("schedule", "wakeleadTime", o -> sched(o).set("wakeleadTime", sched(o).remove("wakeLeadTime"))),
                typo("window", "until", o -> ((ObjectNode) sched(o).path("awake").path(0)).put("until", "19:00")),
                typo("verification", "promt", o -> verif(o).put("promt", "hi")),
                typo("gateway", "port", o -> ((ObjectNode) verif(o).path("gateway")).put("port", 80)),
                typo("load", "p95", o -> ((ObjectNode) verif(o).path("load")).put("p95", "1s")),
                typo("secret copy", "from", o -> ((ObjectNode) o.path("secretCopies").path(0)).put("from", "istio-system")),
                typo("namespace", "label", o -> ((ObjectNode) o.path("namespaces").path(0)).putObject("label")));
    }

    private static Arguments typo(String where, String field, Consumer<ObjectNode> edit) {
        return Arguments.of(where, field, edit);
    }

    private static ObjectNode pool(ObjectNode o) {
        return (ObjectNode) o.path("nodePools").path(0);
    }

    private static ObjectNode sched(ObjectNode o) {
        return (ObjectNode) o.path("schedule");
    }

    private static ObjectNode verif(ObjectNode o) {
        return (ObjectNode) o.path("verification");
    }

    /** A typo is rejected by the schema (in the editor) and by the model (in validate), naming the field. */
    @ParameterizedTest(name = "typo in {0}: {1}")
    @MethodSource("typos")
    void typoIsRejectedBySchemaAndModel(String where, String field, Consumer<ObjectNode> edit) {
        ObjectNode stack = templateStack();
        edit.accept(stack);
        assertThat(String.join("\n", errors(stack))).as(where).contains("'" + field + "'");
        assertThatThrownBy(() -> STRICT.treeToValue(stack, StackConfig.class))
                .as(where).isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"" + field + "\"");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("day name", (Consumer<ObjectNode>) o -> ((ObjectNode) sched(o).path("awake").path(0)).put("days", "Mon-Fry")),
                Arguments.of("duration", (Consumer<ObjectNode>) o -> sched(o).put("wakeLeadTime", "20 minutes")),
                Arguments.of("time", (Consumer<ObjectNode>) o -> ((ObjectNode) sched(o).path("awake").path(0)).put("from", "7am")),
                Arguments.of("taint effect", (Consumer<ObjectNode>) o -> ((ObjectNode) pool(o).path("taints").path(0)).put("effect", "NoSchedule")),
                Arguments.of("override state", (Consumer<ObjectNode>) o -> sched(o).putArray("overrides").addObject()
                        .put("state", "awake").put("until", "2026-11-28T02:00+01:00")),
                Arguments.of("override until without offset", (Consumer<ObjectNode>) o -> sched(o).putArray("overrides").addObject()
                        .put("state", "Awake").put("until", "2026-11-28T02:00")),
                Arguments.of("holiday", (Consumer<ObjectNode>) o -> sched(o).putArray("holidays").add("25-12-2026")),
                Arguments.of("spot as string", (Consumer<ObjectNode>) o -> pool(o).put("spot", "yes")),
                Arguments.of("apiVersion", (Consumer<ObjectNode>) o -> o.put("apiVersion", "stack-agent.dev/v1")),
                Arguments.of("missing cluster", (Consumer<ObjectNode>) o -> o.remove("cluster")));
    }

    /**
     * Values the model reads as plain strings or nulls, so that Jackson accepts them: the loader must
     * check these after parsing (the schema catches them in the editor already).
     */
    static final Set<String> CHECKED_AFTER_PARSING = Set.of("apiVersion", "missing cluster", "taint effect");

    @ParameterizedTest(name = "bad {0}")
    @MethodSource("badValues")
    void badValueIsRejectedBySchemaAndModel(String what, Consumer<ObjectNode> edit) {
        ObjectNode stack = templateStack();
        edit.accept(stack);
        assertThat(errors(stack)).as(what).isNotEmpty();
        if (!CHECKED_AFTER_PARSING.contains(what)) {
            assertThatThrownBy(() -> STRICT.treeToValue(stack, StackConfig.class)).as(what).isNotNull();
        }
    }

    /** Spellings the model accepts are accepted by the schema too. */
    @ParameterizedTest
    @ValueSource(strings = { "Mon", "monday", "MONDAY", "Mon-Fri", "fri-mon", "weekdays", "weekend", "daily", "everyday", "Sat - Sun" })
    void daySpellingsOfTheModelAreValid(String days) throws IOException {
        ObjectNode stack = templateStack();
        ((ObjectNode) sched(stack).path("awake").path(0)).put("days", days);
        assertThat(errors(stack)).as(days).isEmpty();
        assertThat(STRICT.treeToValue(stack, StackConfig.class).schedule().awake().get(0).days()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "90s", "20m", "1h30m", "500ms", "2d", "PT20M", "PT1H30M" })
    void durationSpellingsOfTheModelAreValid(String duration) throws IOException {
        ObjectNode stack = templateStack();
        sched(stack).put("drainTimeout", duration);
        assertThat(errors(stack)).as(duration).isEmpty();
        assertThat(STRICT.treeToValue(stack, StackConfig.class).schedule().drainTimeout()).isEqualTo(Durations.parse(duration));
    }

    @Test
    void overrideAndHolidaysOfTheIssueAreValid() throws IOException {
        ObjectNode stack = templateStack();
        sched(stack).putArray("holidays").add("2026-12-25").add("2026-12-26");
        sched(stack).putArray("overrides").addObject().put("state", "Awake").put("until", "2026-11-28T02:00+01:00")
                .put("reason", "demo at night");
        assertThat(errors(stack)).isEmpty();
        assertThat(STRICT.treeToValue(stack, StackConfig.class).schedule().overrides()).hasSize(1);
    }

    // ---- the schema stays in sync with the Java records ------------------------------------------

    /** Every record level: the schema's properties are exactly the record's components, and closed. */
    @Test
    void schemaPropertiesMatchRecordComponentsAtEveryLevel() {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        compare(StackConfig.class, schemaTree, "stack.yaml", problems, seen);
        assertThat(problems).isEmpty();
        assertThat(seen).as("record levels compared").contains(StackConfig.class, NodePoolSpec.Autoscaling.class,
                NodePoolSpec.Taint.class, ScheduleSpec.Window.class, ScheduleSpec.Override.class,
                ScheduleSpec.WorkloadRef.class, VerificationSpec.Gateway.class, VerificationSpec.Load.class, Options.class);
    }

    private static void compare(Class<?> record, JsonNode schemaNode, String path, List<String> problems, Set<Class<?>> seen) {
        seen.add(record);
        JsonNode node = resolve(schemaNode);
        if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
            problems.add(path + ": schema must say additionalProperties: false");
        }
        Set<String> javaNames = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> schemaNames = new LinkedHashSet<>();
        node.path("properties").fieldNames().forEachRemaining(schemaNames::add);
        if (!javaNames.equals(schemaNames)) {
            Set<String> missing = new LinkedHashSet<>(javaNames);
            missing.removeAll(schemaNames);
            Set<String> extra = new LinkedHashSet<>(schemaNames);
            extra.removeAll(javaNames);
            problems.add(path + " (" + record.getSimpleName() + "): missing in schema " + missing + ", not in model " + extra);
        }
        for (RecordComponent c : record.getRecordComponents()) {
            JsonNode property = node.path("properties").path(c.getName());
            if (property.isMissingNode()) {
                continue;
            }
            String childPath = path + "." + c.getName();
            if (resolve(property).path("description").asText("").isBlank()) {
                problems.add(childPath + ": no description");
            }
            compareType(c.getGenericType(), property, childPath, problems, seen);
        }
    }

    private static void compareType(Type type, JsonNode property, String path, List<String> problems, Set<Class<?>> seen) {
        JsonNode p = resolve(property);
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            compare(raw, p, path, problems, seen);
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            if (element == DayOfWeek.class) {
                expect(p.has("anyOf"), path, "days: a string or a list of strings", problems);
            } else {
                expect("array".equals(p.path("type").asText()), path, "type array", problems);
                compareType(element, p.path("items"), path + "[]", problems, seen);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            expect("object".equals(p.path("type").asText()) && "string".equals(p.path("additionalProperties").path("type").asText()),
                    path, "a map of strings", problems);
        } else if (raw.isEnum()) {
            Set<String> constants = Arrays.stream(raw.getEnumConstants()).map(Object::toString).collect(Collectors.toSet());
            Set<String> values = new LinkedHashSet<>();
            p.path("enum").forEach(v -> values.add(v.asText()));
            expect(constants.equals(values), path, "enum " + constants + " (schema has " + values + ")", problems);
        } else if (raw == Boolean.class) {
            expect("boolean".equals(p.path("type").asText()), path, "type boolean", problems);
        } else if (raw == Integer.class) {
            expect("integer".equals(p.path("type").asText()), path, "type integer", problems);
        } else if (raw == Double.class) {
            expect("number".equals(p.path("type").asText()), path, "type number", problems);
        } else if (raw == Duration.class) {
            expect("string".equals(p.path("type").asText()) && p.has("pattern"), path, "a duration string with a pattern", problems);
        } else if (raw == String.class) {
            expect("string".equals(p.path("type").asText()) || p.has("const"), path, "type string", problems);
        } else {
            // LocalTime, LocalDate, OffsetDateTime: strings with a pattern.
            expect("string".equals(p.path("type").asText()) && p.has("pattern"), path,
                    raw.getSimpleName() + " as a string with a pattern", problems);
        }
    }

    private static void expect(boolean ok, String path, String what, List<String> problems) {
        if (!ok) {
            problems.add(path + ": schema should be " + what);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
    }

    /** Follows {@code $ref: #/definitions/x}. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = schemaTree.at(n.path("$ref").asText().substring(1));
        }
        return n;
    }

    // ---- defaults documented in the schema are the model's defaults ------------------------------

    @Test
    void schemaDefaultsAreTheModelDefaults() {
        JsonNode defs = schemaTree.path("definitions");
        ScheduleSpec schedule = new ScheduleSpec(null, null, null, null, null, null, null, null);
        assertThat(Durations.parse(defs.at("/schedule/properties/wakeLeadTime/default").asText())).isEqualTo(schedule.wakeLeadTime());
        assertThat(Durations.parse(defs.at("/schedule/properties/drainTimeout/default").asText())).isEqualTo(schedule.drainTimeout());

        VerificationSpec verification = new VerificationSpec(null, null, null, null, null, null, null, null, null);
        assertThat(defs.at("/verification/properties/enabled/default").asBoolean()).isEqualTo(verification.isEnabled());
        assertThat(Durations.parse(defs.at("/verification/properties/startupAllowance/default").asText())).isEqualTo(verification.startupAllowance());
        assertThat(Durations.parse(defs.at("/verification/properties/timeout/default").asText())).isEqualTo(verification.timeout());

        VerificationSpec.Load load = new VerificationSpec.Load(null, null, null, null, null, null, null);
        JsonNode l = defs.at("/load/properties");
        assertThat(l.at("/enabled/default").asBoolean()).isEqualTo(load.isEnabled());
        assertThat(l.at("/requests/default").asInt()).isEqualTo(load.requests());
        assertThat(l.at("/concurrency/default").asInt()).isEqualTo(load.concurrency());
        assertThat(l.at("/maxTokens/default").asInt()).isEqualTo(load.maxTokens());
        assertThat(Durations.parse(l.at("/maxP95Latency/default").asText())).isEqualTo(load.maxP95Latency());
        assertThat(l.at("/minThroughput/default").asDouble()).isEqualTo(load.minThroughput());
        assertThat(l.at("/maxFailures/default").asInt()).isEqualTo(load.maxFailures());

        Options options = new Options(null, null);
        assertThat(defs.at("/options/properties/prune/default").asBoolean()).isEqualTo(options.pruneEnabled()).isEqualTo(Options.DEFAULTS.prune());
        assertThat(defs.at("/options/properties/suspend/default").asBoolean()).isEqualTo(options.suspended()).isEqualTo(Options.DEFAULTS.suspend());

        NodePoolSpec pool = new NodePoolSpec("p", null, null, null, null, null, null, null, null, null, null, null);
        assertThat(defs.at("/nodePool/properties/allowReplacement/default").asBoolean()).isEqualTo(pool.replacementAllowed());
        NodePoolSpec.Autoscaling autoscaling = new NodePoolSpec.Autoscaling(null, null, null, null, null, null);
        assertThat(defs.at("/autoscaling/properties/enabled/default").asBoolean()).isEqualTo(autoscaling.isEnabled());
    }
}
