package dev.edgeauth.gateway.routing;

import java.util.Map;
import java.util.Set;

import dev.edgeauth.gateway.routing.RoutesFile.InvalidRoutesFileException;

/**
 * Checks on the maps SnakeYAML reads from a routes file, with messages that name where in
 * the file the mistake is.
 */
final class YamlMaps {

    private YamlMaps() {
    }

    static String requiredText(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof String text) || text.isBlank()) {
            throw new InvalidRoutesFileException(where + ": '" + key + "' is required");
        }
        return text;
    }

    static void checkKeys(Map<?, ?> map, Set<String> allowed, String where) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new InvalidRoutesFileException(where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

}
