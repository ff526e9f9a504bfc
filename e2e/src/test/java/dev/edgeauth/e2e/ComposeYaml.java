package dev.edgeauth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: a compose or configuration file read as plain YAML (anchors and merge
 * keys resolved), for the tests that check deployment files without Docker.
 */
final class ComposeYaml {

    private ComposeYaml() {
    }

    static Map<String, Object> read(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + file, ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** Every string in a YAML tree, keys and values alike. */
    static List<String> strings(Object node) {
        List<String> strings = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                strings.addAll(strings(key));
                strings.addAll(strings(value));
            });
        }
        else if (node instanceof List<?> list) {
            list.forEach((item) -> strings.addAll(strings(item)));
        }
        else if (node instanceof String text) {
            strings.add(text);
        }
        return strings;
    }

}
