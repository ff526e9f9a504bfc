package dev.edgeauth.gateway.routing;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import dev.edgeauth.gateway.routing.RoutesFile.InvalidRoutesFileException;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a routes file's YAML into a {@link RoutesDocument} with Jackson: an unknown key
 * (a misspelt {@code token-required} must not silently make a route public), a value of
 * the wrong type, a duplicate key or an alias bomb is refused with where it is (the
 * route's path in the file and the line). No coercion: {@code maybe} is not a boolean,
 * {@code 7} not a name, a scalar not a list.
 */
final class RoutesFileReader {

    private static final ObjectReader READER = YAMLMapper
        .builder(YAMLFactory.builder()
            .loadSettings(LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10)
                .setCodePointLimit(1024 * 1024)
                .build())
            .build())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .withCoercionConfig(LogicalType.Textual,
                (text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build()
        .readerFor(RoutesDocument.class);

    private RoutesFileReader() {
    }

    /**
     * The document a routes file holds.
     * @param yaml the file's text
     * @return the document, or {@code null} for an empty file
     * @throws InvalidRoutesFileException naming the place and line of the first mistake
     */
    static @Nullable RoutesDocument read(String yaml) {
        try {
            return READER.readValue(yaml);
        }
        catch (UnrecognizedPropertyException ex) {
            String allowed = ex.getKnownPropertyIds()
                .stream()
                .map(String::valueOf)
                .sorted()
                .collect(Collectors.joining(", "));
            // Records are bound once their whole map is read, so the parser is past the
            // key: its line is looked up instead. The path ends with the unknown key.
            List<JacksonException.Reference> path = ex.getPath();
            throw new InvalidRoutesFileException(
                    where(path.subList(0, Math.max(0, path.size() - 1))) + ": unknown key '" + ex.getPropertyName()
                            + "' (allowed: " + allowed + ")" + keyLine(yaml, String.valueOf(ex.getPropertyName())));
        }
        catch (DatabindException ex) {
            throw new InvalidRoutesFileException(
                    where(ex.getPath()) + " has the wrong type: " + expected(ex) + line(ex.getLocation()));
        }
        catch (JacksonException ex) {
            throw new InvalidRoutesFileException(
                    "not valid YAML: " + firstLine(ex.getOriginalMessage()) + line(ex.getLocation()));
        }
    }

    // routes[0].token-required, as the file's keys and indexes name it.
    private static String where(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
            else if (reference.getPropertyName() != null) {
                path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
            }
        }
        return (path.length() > 0) ? path.toString() : "the file";
    }

    // What the value's place takes, from the type Jackson was reading into.
    private static String expected(DatabindException ex) {
        Class<?> target = (ex instanceof MismatchedInputException mismatch) ? mismatch.getTargetType() : null;
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target != null && Collection.class.isAssignableFrom(target)) {
            return "must be a list";
        }
        if (target == Long.class || target == long.class) {
            return "must be a whole number";
        }
        if (target == String.class) {
            return "must be text";
        }
        return "must be a map with the keys of specs/gateway.md";
    }

    // The first line that starts with the key (after indentation and a list dash).
    private static String keyLine(String yaml, String key) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith("- ")) {
                line = line.substring(2).stripLeading();
            }
            if (line.startsWith(key + ":")) {
                return " (line " + (i + 1) + ")";
            }
        }
        return "";
    }

    private static String line(@Nullable TokenStreamLocation location) {
        return (location != null && location.getLineNr() > 0) ? " (line " + location.getLineNr() + ")" : "";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0) ? message : message.substring(0, newline);
    }

}
