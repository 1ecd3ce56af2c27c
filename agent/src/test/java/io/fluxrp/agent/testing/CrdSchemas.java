package io.fluxrp.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates objects against the {@code openAPIV3Schema} of the CRD version their apiVersion names,
 * as the API server's structural-schema validation with strict field validation would: {@code
 * type}, {@code properties}, {@code required}, {@code additionalProperties}, unknown fields
 * (refused unless {@code x-kubernetes-preserve-unknown-fields}), {@code nullable}, {@code enum},
 * {@code pattern}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}, {@code
 * items}, {@code minItems}/{@code maxItems}, {@code x-kubernetes-int-or-string}, and the {@code
 * int32}/{@code int64}/{@code date-time} formats. {@code metadata} is only checked for a name (and
 * a namespace for namespaced kinds), as the API server validates it apart from the schema. CEL
 * rules ({@code x-kubernetes-validations}) are not evaluated.
 */
public final class CrdSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private final Map<String, Served> served;

  private record Served(JsonNode schema, boolean namespaced) {}

  private CrdSchemas(Map<String, Served> served) {
    this.served = served;
  }

  /** The Flux CRDs of {@code testdata/flux-crds}, from the agent module or the repository root. */
  public static CrdSchemas flux() {
    for (Path dir : List.of(Path.of("../testdata/flux-crds"), Path.of("testdata/flux-crds"))) {
      if (Files.isDirectory(dir)) {
        return load(dir);
      }
    }
    throw new IllegalStateException(
        "testdata/flux-crds not found from " + Path.of("").toAbsolutePath());
  }

  /** Every served version of every CRD in the {@code *.yaml} files of {@code dir}. */
  public static CrdSchemas load(Path dir) {
    Map<String, Served> served = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        addCrd(YAML.readTree(file.toFile()), served);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CrdSchemas(served);
  }

  private static void addCrd(JsonNode crd, Map<String, Served> served) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
    for (JsonNode version : spec.path("versions")) {
      if (version.path("served").asBoolean(false)) {
        String apiVersion = group + "/" + version.path("name").asText();
        served.put(
            key(apiVersion, kind),
            new Served(version.path("schema").path("openAPIV3Schema"), namespaced));
      }
    }
  }

  public boolean serves(String apiVersion, String kind) {
    return served.containsKey(key(apiVersion, kind));
  }

  /**
   * What is wrong with {@code object} (a fabric8 resource, a Map or a JsonNode), each problem with
   * its JSON path; empty when it is valid.
   */
  public List<String> problems(Object object) {
    JsonNode node = object instanceof JsonNode n ? n : JSON.valueToTree(object);
    String apiVersion = node.path("apiVersion").asText();
    String kind = node.path("kind").asText();
    Served crd = served.get(key(apiVersion, kind));
    List<String> problems = new ArrayList<>();
    if (crd == null) {
      problems.add("no CRD serves " + kind + " in " + apiVersion);
      return problems;
    }
    checkMetadata(node.path("metadata"), crd.namespaced(), problems);
    Validation root = new Validation(problems);
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("metadata")) {
        root.field(field.getKey(), field.getValue(), crd.schema(), "");
      }
    }
    root.required(node, crd.schema(), "");
    return problems;
  }

  /** Throws {@link AssertionError} listing the problems of {@code object}, if any. */
  public void assertValid(Object object) {
    List<String> problems = problems(object);
    if (!problems.isEmpty()) {
      throw new AssertionError("schema violations: " + String.join("; ", problems));
    }
  }

  private static void checkMetadata(JsonNode metadata, boolean namespaced, List<String> problems) {
    if (!metadata.isObject()) {
      problems.add("metadata: missing");
      return;
    }
    if (metadata.path("name").asText("").isEmpty()) {
      problems.add("metadata.name: missing");
    }
    if (namespaced && metadata.path("namespace").asText("").isEmpty()) {
      problems.add("metadata.namespace: missing for a namespaced kind");
    }
  }

  /** The recursive check of a value against its schema. */
  private record Validation(List<String> problems) {
    void value(JsonNode value, JsonNode schema, String path) {
      if (value.isNull()) {
        if (!schema.path("nullable").asBoolean(false)) {
          problems.add(path + ": null is not allowed");
        }
        return;
      }
      if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
        if (!value.isIntegralNumber() && !value.isTextual()) {
          problems.add(path + ": must be an integer or a string");
        }
        return;
      }
      String type = schema.path("type").asText("");
      switch (type) {
        case "object" -> object(value, schema, path);
        case "array" -> array(value, schema, path);
        case "string" -> string(value, schema, path);
        case "integer" -> number(value, schema, path, true);
        case "number" -> number(value, schema, path, false);
        case "boolean" -> expect(value.isBoolean(), path, "must be a boolean");
        default -> {}
      }
      enumeration(value, schema, path);
    }

    private void object(JsonNode value, JsonNode schema, String path) {
      if (!expect(value.isObject(), path, "must be an object")) {
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        field(field.getKey(), field.getValue(), schema, path);
      }
      required(value, schema, path);
    }

    void field(String name, JsonNode value, JsonNode schema, String path) {
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      JsonNode property = schema.path("properties").get(name);
      JsonNode additional = schema.get("additionalProperties");
      if (property != null) {
        value(value, property, fieldPath);
      } else if (additional != null && additional.isObject()) {
        value(value, additional, fieldPath);
      } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
          && !(additional != null && additional.asBoolean(false))) {
        problems.add(fieldPath + ": unknown field");
      }
    }

    void required(JsonNode value, JsonNode schema, String path) {
      for (JsonNode name : schema.path("required")) {
        if (!value.has(name.asText())) {
          problems.add((path.isEmpty() ? "" : path + ".") + name.asText() + ": required");
        }
      }
    }

    private void array(JsonNode value, JsonNode schema, String path) {
      if (!expect(value.isArray(), path, "must be an array")) {
        return;
      }
      bound(value.size(), schema, "minItems", "maxItems", path, "items");
      JsonNode items = schema.get("items");
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          value(value.get(i), items, path + "[" + i + "]");
        }
      }
    }

    private void string(JsonNode value, JsonNode schema, String path) {
      if (!expect(value.isTextual(), path, "must be a string")) {
        return;
      }
      String text = value.textValue();
      bound(text.codePointCount(0, text.length()), schema, "minLength", "maxLength", path, "chars");
      String pattern = schema.path("pattern").asText(null);
      if (pattern != null
          && !PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find()) {
        problems.add(path + ": '" + text + "' does not match " + pattern);
      }
      if ("date-time".equals(schema.path("format").asText())) {
        try {
          OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
          problems.add(path + ": '" + text + "' is not a date-time");
        }
      }
    }

    private void number(JsonNode value, JsonNode schema, String path, boolean integer) {
      boolean ok = integer ? value.isIntegralNumber() : value.isNumber();
      if (!expect(ok, path, integer ? "must be an integer" : "must be a number")) {
        return;
      }
      String format = schema.path("format").asText("");
      if (format.equals("int32") && !value.canConvertToInt()
          || format.equals("int64") && !value.canConvertToLong()) {
        problems.add(path + ": out of the " + format + " range");
      }
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        problems.add(path + ": below the minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        problems.add(path + ": above the maximum " + schema.get("maximum"));
      }
    }

    private void enumeration(JsonNode value, JsonNode schema, String path) {
      JsonNode allowed = schema.get("enum");
      if (allowed == null) {
        return;
      }
      for (JsonNode candidate : allowed) {
        if (candidate.equals(value)) {
          return;
        }
      }
      problems.add(path + ": " + value + " is not one of " + allowed);
    }

    private void bound(
        int size, JsonNode schema, String minKey, String maxKey, String path, String unit) {
      if (schema.has(minKey) && size < schema.get(minKey).asInt()) {
        problems.add(path + ": fewer than " + schema.get(minKey) + " " + unit);
      }
      if (schema.has(maxKey) && size > schema.get(maxKey).asInt()) {
        problems.add(path + ": more than " + schema.get(maxKey) + " " + unit);
      }
    }

    private boolean expect(boolean condition, String path, String message) {
      if (!condition) {
        problems.add(path + ": " + message);
      }
      return condition;
    }
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }
}
