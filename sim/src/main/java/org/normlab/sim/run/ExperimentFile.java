package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;

/**
 * Reads an {@link Experiment} from JSON: the file's fields laid over {@link #DEFAULTS} object by object, then bound
 * strictly by {@link Json#mapper()}. Any problem becomes one {@link InvalidInputException} whose message starts with
 * the field's path, e.g. {@code runs[2].optimizer.momentum must be in [0, 1), was 1.5}.
 */
public final class ExperimentFile {

    /**
     * Every optional field outside {@code data} and its default; the data section's defaults depend on its kind and
     * are {@link DataSpec#defaults}. Fields not listed are required: {@code name}, {@code data.kind},
     * {@code network.hiddenWidths}, {@code training.steps}.
     */
    public static final String DEFAULTS = """
            {
              "description": "",
              "network": {
                "activation": "relu", "normalization": "batch_norm", "initialization": "he",
                "loss": "cross_entropy", "bnEpsilon": 1e-5, "ghostBatchSize": 0, "seed": 0
              },
              "training": {"batchSize": 128, "orderSeed": 0, "lockstep": false},
              "runs": [{"name": "sgd", "optimizer": {"name": "sgd", "learningRate": 0.1}}],
              "probe": {"size": 2048, "seed": 0},
              "probes": {
                "families": ["weight_norm", "effective_learning_rate", "gradient_norm", "orthogonal_noise",
                             "sharpness", "fisher"],
                "batchNormMode": "train", "weightsEvery": 0, "evaluationsEvery": 0, "curvatureEvery": 0,
                "eigenTolerance": %s
              },
              "logging": {"evaluateEvery": 100, "checkpointAt": []}
            }
            """.formatted(Lanczos.DEFAULT_TOLERANCE);

    /**
     * The defaults of each run; a run's {@code network}, if given, is laid over the experiment's network section
     * (so it may give only the fields that differ).
     */
    public static final String RUN_DEFAULTS = """
            {"changes": [], "rescale": {"hiddenWeights": 1, "gamma": 1}}
            """;

    private ExperimentFile() {
    }

    /** Reads an experiment file; a UTF-8 byte-order mark at its start is skipped (Jackson detects it in bytes). */
    public static Experiment read(Path file) {
        byte[] bytes = bytes(file, "experiment file");
        return parse(mapper -> mapper.readTree(bytes), file.toString());
    }

    /** The bytes of {@code file}; a missing or unreadable one is refused naming it as {@code what} ("sweep file"). */
    public static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** "SOURCE: not valid JSON at line L, column C: what the parser says". */
    public static String notValidJson(JsonProcessingException e, String source) {
        JsonLocation where = e.getLocation();
        return source + ": not valid JSON" + (where == null ? "" : " at line " + where.getLineNr() + ", column "
                + where.getColumnNr()) + ": " + e.getOriginalMessage();
    }

    /** Parses experiment JSON; {@code source} names it in syntax-error messages. */
    public static Experiment parse(String json, String source) {
        return parse(mapper -> mapper.readTree(json), source);
    }

    /** How the JSON tree is read: from a file's bytes or from text. */
    private interface Source {
        JsonNode read(ObjectMapper mapper) throws IOException;
    }

    private static Experiment parse(Source json, String source) {
        try {
            JsonNode given = json.read(Json.mapper());
            if (!(given instanceof ObjectNode object)) {
                throw new InvalidInputException(source + ": an experiment must be a JSON object");
            }
            ObjectMapper mapper = Json.mapper();
            requireKnownFields(object, mapper.constructType(Experiment.class), "", ((DefaultDeserializationContext)
                    mapper.getDeserializationContext()).createDummyInstance(mapper.getDeserializationConfig()));
            ObjectNode defaults = (ObjectNode) Json.mapper().readTree(DEFAULTS);
            if (object.get("data") instanceof ObjectNode data) {
                defaults.set("data", dataDefaults(data));
            }
            ObjectNode merged = withDefaults(defaults, object);
            if (merged.get("runs") instanceof ArrayNode runs) {
                for (int i = 0; i < runs.size(); i++) {
                    if (runs.get(i) instanceof ObjectNode run) {
                        runs.set(i, runWithDefaults(run, merged.get("network")));
                    }
                }
            }
            addedRunsWithDefaults(merged);
            return Json.mapper().treeToValue(merged, Experiment.class);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(TourCheck.located(e.getMessage()));
        } catch (JsonMappingException e) {
            throw new InvalidInputException(TourCheck.located(describe(e)));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(notValidJson(e, source));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a field of {@code node}, at any depth, that {@code type} does not have, naming the closest allowed
     * name (as an experiment's fields are checked), before binding: other files (a sweep) read the same way.
     */
    public static void requireKnownFields(JsonNode node, Class<?> type) {
        ObjectMapper mapper = Json.mapper();
        try {
            requireKnownFields(node, mapper.constructType(type), "", ((DefaultDeserializationContext)
                    mapper.getDeserializationContext()).createDummyInstance(mapper.getDeserializationConfig()));
        } catch (JsonMappingException e) {
            throw new InvalidInputException(describe(e));
        }
    }

    /** The experiment as JSON with every default written out, readable again by {@link #parse}. */
    public static String toJson(Experiment experiment) {
        try {
            return Json.mapper().writeValueAsString(experiment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write experiment " + experiment.name(), e);
        }
    }

    /** The defaults of the data section's kind; a missing or misspelt kind is reported here or when binding. */
    private static JsonNode dataDefaults(ObjectNode data) throws JsonProcessingException {
        if (!data.has("kind")) {
            throw new InvalidInputException("data.kind is required (one of " + Json.words(DataKind.class) + ")");
        }
        try {
            DataKind kind = Json.mapper().treeToValue(data.get("kind"), DataKind.class);
            return Json.mapper().valueToTree(DataSpec.defaults(kind));
        } catch (MismatchedInputException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** The run of each {@code add_run} action of the tour laid over the defaults as a {@code runs[]} entry is. */
    private static void addedRunsWithDefaults(ObjectNode merged) throws JsonProcessingException {
        if (!(merged.get("tour") instanceof ObjectNode tour) || !(tour.get("steps") instanceof ArrayNode steps)) {
            return;
        }
        for (JsonNode step : steps) {
            if (step.get("do") instanceof ArrayNode actions) {
                for (JsonNode action : actions) {
                    if (action instanceof ObjectNode a && a.path("action").asText().equals("add_run")
                            && a.get("run") instanceof ObjectNode run) {
                        a.set("run", runWithDefaults(run, merged.get("network")));
                    }
                }
            }
        }
    }

    /** A run laid over {@link #RUN_DEFAULTS}, its network (if any) over the experiment's. */
    private static ObjectNode runWithDefaults(ObjectNode run, JsonNode network) throws JsonProcessingException {
        ObjectNode defaults = (ObjectNode) Json.mapper().readTree(RUN_DEFAULTS);
        if (run.get("network") instanceof ObjectNode && network instanceof ObjectNode n) {
            defaults.set("network", n.deepCopy());
        }
        return withDefaults(defaults, run);
    }

    /** {@code given} laid over {@code defaults}: objects merge field by field, anything else replaces. */
    private static ObjectNode withDefaults(ObjectNode defaults, ObjectNode given) {
        given.fields().forEachRemaining(field -> {
            JsonNode fallback = defaults.get(field.getKey());
            JsonNode value = field.getValue();
            defaults.set(field.getKey(), fallback instanceof ObjectNode d && value instanceof ObjectNode v
                    ? withDefaults(d, v) : value);
        });
        return defaults;
    }

    /**
     * Refuses a field that the type bound at {@code path} does not have, naming the ones it has (Jackson's own, as in
     * {@link UnrecognizedPropertyException}). Binding alone reports an unknown field only after building its record,
     * so a misspelt section would be reported as the required field it then lacks. Types that read themselves
     * (an optimizer, from its JSON node) check their own fields.
     */
    private static void requireKnownFields(JsonNode node, JavaType type, String path, DeserializationContext context)
            throws JsonMappingException {
        if (type.isContainerType() && node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                requireKnownFields(array.get(i), type.getContentType(), path + "[" + i + "]", context);
            }
            return;
        }
        JsonSubTypes subtypes = type.getRawClass().getAnnotation(JsonSubTypes.class);
        if (subtypes != null) {
            requireKnownSubtypeFields(node, type, path, context);
            return;
        }
        if (!(node instanceof ObjectNode object) || !(context.findRootValueDeserializer(type)
                instanceof BeanDeserializerBase bean) || bean.getValueInstantiator().canCreateUsingDelegate()) {
            return;
        }
        List<String> allowed = bean.getKnownPropertyNames().stream().map(String::valueOf).sorted().toList();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            SettableBeanProperty property = bean.findProperty(field.getKey());
            String at = join(path, field.getKey());
            if (property == null) {
                throw new InvalidInputException(unknownField(at + " is not a known field", field.getKey(), allowed));
            }
            requireKnownFields(field.getValue(), property.getType(), at, context);
        }
    }

    /**
     * {@link #requireKnownFields} for a type chosen by its type id ({@code @JsonTypeInfo} on a property, e.g. an
     * optimizer's {@code name}): the id must name one of its {@code @JsonSubTypes}, whose fields are then checked,
     * listed in the record's order; a number, boolean or enum field given anything else is refused with the value.
     */
    private static void requireKnownSubtypeFields(JsonNode node, JavaType baseType, String path,
                                                  DeserializationContext context) throws JsonMappingException {
        JsonTypeInfo info = baseType.getRawClass().getAnnotation(JsonTypeInfo.class);
        if (info.use() == JsonTypeInfo.Id.DEDUCTION) {
            requireDeducedFields(node, baseType, path, context);
            return;
        }
        String id = info.property();
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(path + " must be an object with a \"" + id + "\"");
        }
        JsonNode word = object.get(id);
        if (word == null || !word.isTextual()) {
            throw new InvalidInputException(join(path, id) + " is required: one of " + typeNames(baseType));
        }
        Class<?> chosen = subtypes(baseType).stream().filter(t -> t.name().equals(word.textValue())).findFirst()
                .map(JsonSubTypes.Type::value)
                .orElseThrow(() -> new InvalidInputException(join(path, id) + " must be one of "
                        + typeNames(baseType) + ", was '" + word.textValue() + "'"));
        requireFieldsOf(object, chosen, id, word.textValue(), path, context);
    }

    /**
     * {@link #requireKnownSubtypeFields} for a type deduced from its fields ({@code JsonTypeInfo.Id.DEDUCTION}, e.g. a
     * tour's claim): each subtype's name is the one field that only it has (the claim's test), and exactly one is
     * given.
     */
    private static void requireDeducedFields(JsonNode node, JavaType baseType, String path,
                                             DeserializationContext context) throws JsonMappingException {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(path + " must be an object with one of " + typeNames(baseType));
        }
        List<JsonSubTypes.Type> given = subtypes(baseType).stream().filter(t -> object.has(t.name())).toList();
        if (given.size() == 1) {
            requireFieldsOf(object, given.get(0).value(), null, given.get(0).name(), path, context);
            return;
        }
        if (given.isEmpty()) {
            List<String> allowed = subtypes(baseType).stream().flatMap(t -> fieldNames(t.value()).stream())
                    .distinct().sorted().toList();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new InvalidInputException(unknownField(join(path, name) + " is not a known field", name,
                            allowed));
                }
            }
        }
        throw new InvalidInputException(path + " must have exactly one of " + typeNames(baseType)
                + (given.isEmpty() ? "" : ", had " + given.stream().map(JsonSubTypes.Type::name)
                .collect(Collectors.joining(", "))));
    }

    /** Checks each field of {@code object} against record {@code chosen} (its type id {@code id} aside, if any). */
    private static void requireFieldsOf(ObjectNode object, Class<?> chosen, String id, String kind, String path,
                                        DeserializationContext context) throws JsonMappingException {
        BeanDeserializerBase bean = (BeanDeserializerBase) context.findContextualValueDeserializer(
                context.constructType(chosen), null);
        List<String> allowed = new ArrayList<>();
        if (id != null) {
            allowed.add(id);
        }
        allowed.addAll(fieldNames(chosen));
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = join(path, field.getKey());
            SettableBeanProperty property = bean.findProperty(field.getKey());
            if (field.getKey().equals(id)) {
                continue;
            } else if (property == null) {
                throw new InvalidInputException(unknownField(at + " is not a known field of " + kind,
                        field.getKey(), allowed));
            }
            requireScalar(field.getValue(), property.getType(), at);
            requireKnownFields(field.getValue(), property.getType(), at, context);
        }
    }

    private static List<JsonSubTypes.Type> subtypes(JavaType baseType) {
        return List.of(baseType.getRawClass().getAnnotation(JsonSubTypes.class).value());
    }

    /** A record's fields as the file names them, in the record's order. */
    private static List<String> fieldNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            names.add(renamed == null ? component.getName() : renamed.value());
        }
        return names;
    }

    /** Refuses a value that a number, boolean or enum field cannot hold, naming the field and the value given. */
    private static void requireScalar(JsonNode value, JavaType type, String at) {
        Class<?> raw = type.getRawClass();
        if (!(type.isEnumType() || type.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class)) {
            return;
        }
        try {
            Json.mapper().treeToValue(value, raw);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(at + " must be " + expected(raw) + ", was " + value);
        }
    }

    /** One line naming the field's path and what is allowed there. */
    public static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> allowed = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return unknownField(path + " is not a known field", u.getPropertyName(), allowed);
        }
        if (e instanceof InvalidTypeIdException t && t.getTypeId() == null) {
            return join(path, "name") + " is required: one of " + typeNames(t.getBaseType());
        }
        if (e instanceof InvalidTypeIdException t) {
            return join(path, "name") + " must be one of " + typeNames(t.getBaseType()) + ", was '"
                    + t.getTypeId() + "'";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            String message = e.getCause().getMessage();
            return message.startsWith("must ") ? path + " " + message : join(path, message);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + " must be " + expected(m.getTargetType());
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String path, String rest) {
        return path.isEmpty() ? rest : path + "." + rest;
    }

    /**
     * "{@code notKnown}; did you mean {@code closest}? allowed here: …" for an unknown field {@code name}, the
     * suggestion only when an allowed name is within a few edits of it.
     */
    public static String unknownField(String notKnown, String name, List<String> allowed) {
        String suggestion = closest(name, allowed).map(c -> " did you mean " + c + "?").orElse("");
        return notKnown + ";" + suggestion + " allowed here: " + String.join(", ", allowed);
    }

    /** The allowed name fewest edits away from {@code name}, ignoring case, if at most a third of it is changed. */
    static Optional<String> closest(String name, List<String> allowed) {
        int tolerance = Math.max(1, name.length() / 3);
        return allowed.stream().filter(a -> editDistance(name, a) <= tolerance)
                .min(Comparator.comparingInt(a -> editDistance(name, a)));
    }

    /** Levenshtein distance, case-insensitive: insertions, deletions and substitutions (a swap counts two). */
    private static int editDistance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }

    private static String typeNames(JavaType baseType) {
        return Arrays.stream(baseType.getRawClass().getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
    }

    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Json.words(type);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
