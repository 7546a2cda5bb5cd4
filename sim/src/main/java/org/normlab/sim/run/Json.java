package org.normlab.sim.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one Jackson configuration of NormLab's files. Reading is strict: no unknown fields, no duplicate keys, no
 * coercion between strings, numbers and booleans, no fractional numbers for integers, no null for numbers;
 * {@code NaN} and {@code Infinity} literals are read, for each field's range to refuse by name. Enum
 * constants are lowercase words both ways ({@code "batch_norm"}). Doubles are written in their shortest exact form,
 * so they read back bit for bit.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(lowercaseEnums())
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // NaN and Infinity are read as numbers so that the field's own range refuses them, naming the field.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON word of an enum constant: its name in lowercase. */
    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The allowed words of an enum type, for messages: "relu, tanh, identity". */
    public static String words(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> word((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }

    private static SimpleModule lowercaseEnums() {
        SimpleModule module = new SimpleModule("lowercase-enums");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> standard) {
                return new LowercaseEnumDeserializer(type.getRawClass());
            }
        });
        return module;
    }

    /** Accepts exactly the lowercase name of a constant; anything else is a mismatch Jackson reports with its path. */
    private static final class LowercaseEnumDeserializer extends StdScalarDeserializer<Object> {
        LowercaseEnumDeserializer(Class<?> type) {
            super(type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            for (Object constant : handledType().getEnumConstants()) {
                if (word((Enum<?>) constant).equals(text)) {
                    return constant;
                }
            }
            return context.handleWeirdStringValue(handledType(), text, "not one of " + words(handledType()));
        }
    }
}
