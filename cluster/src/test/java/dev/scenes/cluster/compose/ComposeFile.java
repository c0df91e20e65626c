package dev.scenes.cluster.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker Compose file, parsed (Jackson YAML) into what the check needs: each service's image,
 * command, ports, volumes, environment and dependencies, with the short and long forms Compose
 * allows reduced to one.
 *
 * <p>YAML anchors and aliases are not resolved by Jackson, so the file must not use them; {@link
 * #read} refuses one that does.
 */
record ComposeFile(Path file, Map<String, Service> services, List<String> volumes) {

    /**
     * One service.
     *
     * @param name its key under {@code services}
     * @param image {@code name:tag}
     * @param entrypoint the entrypoint override (empty: the image's)
     * @param command the command (empty: the image's)
     * @param ports the {@code ports} entries as written
     * @param volumes the {@code volumes} entries as written (short form)
     * @param environment the environment
     * @param dependsOn names of the services it depends on
     */
    record Service(
            String name,
            String image,
            List<String> entrypoint,
            List<String> command,
            List<String> ports,
            List<String> volumes,
            Map<String, String> environment,
            List<String> dependsOn) {

        /** Where this service's entries are, for messages: {@code services.<name>}. */
        String at(String field) {
            return "services." + name + (field.isEmpty() ? "" : "." + field);
        }

        /** The value after {@code option} in the command, if present. */
        Optional<String> option(String option) {
            int i = command.indexOf(option);
            return i >= 0 && i + 1 < command.size()
                    ? Optional.of(command.get(i + 1))
                    : Optional.empty();
        }

        /** Volumes as host path to container path (named volumes included, host as written). */
        Map<String, String> mounts() {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (String v : volumes) {
                String[] parts = v.split(":");
                mounts.put(parts[0], parts.length > 1 ? parts[1] : parts[0]);
            }
            return mounts;
        }
    }

    /** Parses {@code file}. */
    static ComposeFile read(Path file) throws IOException {
        String text = java.nio.file.Files.readString(file);
        if (text.matches("(?s).*(^|\\s)[&*][A-Za-z][\\w-]*\\s.*")) {
            throw new IllegalArgumentException(
                    file + " uses a YAML anchor or alias, which this check cannot resolve");
        }
        JsonNode root = new YAMLMapper().readTree(text);
        Map<String, Service> services = new LinkedHashMap<>();
        root.path("services")
                .fields()
                .forEachRemaining(e -> services.put(e.getKey(), service(e.getKey(), e.getValue())));
        List<String> volumes = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(volumes::add);
        return new ComposeFile(file, services, volumes);
    }

    private static Service service(String name, JsonNode node) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = node.path("environment");
        if (env.isArray()) {
            for (JsonNode item : env) {
                String[] kv = item.asText().split("=", 2);
                environment.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        } else {
            env.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode deps = node.path("depends_on");
        if (deps.isArray()) {
            deps.forEach(d -> dependsOn.add(d.asText()));
        } else {
            deps.fieldNames().forEachRemaining(dependsOn::add);
        }
        return new Service(
                name,
                node.path("image").asText(""),
                words(node.path("entrypoint")),
                words(node.path("command")),
                texts(node.path("ports")),
                texts(node.path("volumes")),
                environment,
                dependsOn);
    }

    /** A command in list form as is; in string form split at spaces, as Compose does. */
    private static List<String> words(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return texts(node);
        }
        return List.of(node.asText().trim().split("\\s+"));
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
