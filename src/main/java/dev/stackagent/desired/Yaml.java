package dev.stackagent.desired;

import java.io.IOException;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The strict YAML and JSON mappers the desired-state reader uses. Thread-safe, shared.
 *
 * <p>Guard rails on what a committer can make the parser do:
 * <ul>
 * <li>one YAML document holds at most {@link #MAX_DOCUMENT_CODE_POINTS} characters. SnakeYAML scans
 * a scalar written on one line in time quadratic in its length (about 0.5 s for 1 MiB, 2 s for 2 MiB,
 * minutes for tens of MiB), so this bound, with the per-file limit of the policy checked before
 * parsing, keeps one pathological file to seconds. A Kubernetes object cannot be larger than about
 * 1.5 MiB anyway;</li>
 * <li>duplicate keys are errors, in trees (manifests) and in records ({@code stack.yaml});</li>
 * <li>aliases ({@code *name}) are errors: Jackson does not expand them (so there is no
 * "billion laughs" expansion) but silently reads the anchor's name as a string, which would apply
 * something else than what the file seems to say. Use {@link #parser(byte[])} to get that check.</li>
 * </ul>
 */
public final class Yaml {
    /** Largest YAML document, in characters (code points), the parser reads before failing. */
    public static final int MAX_DOCUMENT_CODE_POINTS = 2 * 1024 * 1024;

    // rebuild(), not YAMLFactory.builder(): the latter starts with no YAML parser features at all
    // (EMPTY_STRING_AS_NULL off), so "-" with nothing after it would stop reading as null.
    private static final YAMLFactory FACTORY = new YAMLFactory().rebuild()
            .loaderOptions(loaderOptions())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Strict: unknown fields, duplicate keys and numbers for enums are errors. */
    public static final ObjectMapper STRICT = YAMLMapper.builder(FACTORY)
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Yaml() {
    }

    /**
     * A parser of {@link #STRICT} over {@code content} that also refuses YAML aliases with an error
     * at their line. Read values from it with {@code STRICT.readValue(parser, type)}.
     */
    public static JsonParser parser(byte[] content) throws IOException {
        return new NoAliases(STRICT.getFactory().createParser(content));
    }

    /**
     * SnakeYAML's limits for every document: the code point bound above; the defaults for nesting
     * (50 levels) and for aliases (50 per collection, recursive keys refused) are kept, although
     * Jackson does not expand aliases at all.
     */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** Fails on a YAML alias instead of reading the anchor's name as a string. */
    private static final class NoAliases extends JsonParserDelegate {
        NoAliases(JsonParser delegate) {
            super(delegate);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new JsonParseException(this, "YAML aliases are not supported (*" + yaml.getText()
                        + "): write the value out in full", yaml.currentTokenLocation());
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }
    }
}
