package io.fluxrp.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxrp.model.testing.TestData;
import io.fluxrp.model.version.ApiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link FluxSchema}, seen through each api-version, against the Azure spec of that version: the
 * property names of {@code FluxConfiguration.properties} and of every definition reachable from it
 * (and of {@code FluxConfigurationPatch.properties} against {@link FluxSchema#PATCH_PROPERTIES}),
 * the property types, the enum values of the version, defaults, {@code readOnly}, {@code
 * x-ms-secret} and {@code x-ms-mutability: [read, create]}, and the property order responses use.
 * Every difference fails the test unless it is one of the {@link #DEVIATIONS} below, each of which
 * says why fluxrp differs on purpose; a deviation that no longer matches anything fails as well.
 */
class FluxSchemaSpecTest {

  /** A deliberate difference: versions (regex on the wire form), path (glob), aspect, reason. */
  record Deviation(String versions, String path, String aspect, String reason) {
    boolean matches(Diff diff) {
      return diff.version().wire().matches(versions)
          && glob(path).matcher(diff.path()).matches()
          && diff.aspect().equals(aspect);
    }
  }

  static final List<Deviation> DEVIATIONS =
      List.of(
          new Deviation(
              ".*",
              "FluxConfiguration.bucket.insecure",
              "default",
              "The spec defaults Bucket insecure to true (plain HTTP). Canonical derives an absent"
                  + " value from the URL scheme instead, so an https:// endpoint keeps TLS."),
          new Deviation(
              ".*",
              "FluxConfigurationPatch.*",
              "default",
              "PATCH is a JSON merge-patch of the stored state (DESIGN §3): schema defaults are"
                  + " never applied to a patch, so the patch models' defaults (which the spec"
                  + " declares for some fields, e.g. ociRepository.insecure) and their absence for"
                  + " others are both irrelevant. PATCH_PROPERTIES shares the PUT fields and their"
                  + " defaults, which MergePatch ignores."),
          new Deviation(
              "2025-04-01",
              "FluxConfigurationPatch.configurationProtectedSettings",
              "x-ms-secret",
              "The 2025-04-01 TypeSpec conversion dropped x-ms-secret from the patch model's"
                  + " configurationProtectedSettings (spec-facts §8 #17); the values are the same"
                  + " secrets as in PUT and stay write-only."));

  /** One difference between the spec and our schema. */
  record Diff(ApiVersion version, String path, String aspect, String spec, String ours) {
    @Override
    public String toString() {
      return version.wire() + " " + path + " " + aspect + ": spec=" + spec + " ours=" + ours;
    }
  }

  // ---- the tests
  // ----------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void putModelMatchesTheSpec(ApiVersion version) {
    List<Diff> unexplained = unexplained(compareProperties(version, FluxSchema.PROPERTIES, false));
    assertThat(unexplained).as("differences in the PUT model of %s", version.wire()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void patchModelMatchesTheSpec(ApiVersion version) {
    List<Diff> unexplained =
        unexplained(compareProperties(version, FluxSchema.PATCH_PROPERTIES, true));
    assertThat(unexplained).as("differences in the PATCH model of %s", version.wire()).isEmpty();
  }

  @Test
  void everyDeviationIsStillNeeded() {
    List<Diff> all = new ArrayList<>();
    for (ApiVersion version : ApiVersion.values()) {
      all.addAll(compareProperties(version, FluxSchema.PROPERTIES, false));
      all.addAll(compareProperties(version, FluxSchema.PATCH_PROPERTIES, true));
    }
    for (Deviation deviation : DEVIATIONS) {
      assertThat(all)
          .as(
              "deviation %s %s %s matches nothing any more",
              deviation.versions(), deviation.path(), deviation.aspect())
          .anyMatch(deviation::matches);
    }
  }

  /**
   * The comparison must notice a wrong {@code since}, flag or enum value: each mutation of the
   * schema below has to produce at least one unexplained difference.
   */
  @Test
  void theComparisonDetectsWrongSchemas() {
    Map<String, ObjectType> mutants = new LinkedHashMap<>();
    mutants.put(
        "kustomization wait too early",
        mutate(FluxSchema.PROPERTIES, "kustomizations.wait", f -> f.since(ApiVersion.V2022_03_01)));
    mutants.put(
        "postBuild too late",
        mutate(
            FluxSchema.PROPERTIES,
            "kustomizations.postBuild",
            f -> f.since(ApiVersion.V2024_11_01)));
    mutants.put(
        "git provider too early",
        mutate(
            FluxSchema.PROPERTIES,
            "gitRepository.provider",
            f -> f.since(ApiVersion.V2024_04_01_PREVIEW)));
    mutants.put(
        "azureBlob too late",
        mutate(FluxSchema.PROPERTIES, "azureBlob", f -> f.since(ApiVersion.V2022_11_01)));
    mutants.put(
        "OCIRepository enum value too late",
        mutate(
            FluxSchema.PROPERTIES,
            "sourceKind",
            f ->
                withType(
                    f,
                    EnumType.of("SourceKindType", "GitRepository", "Bucket")
                        .plus("AzureBlob", ApiVersion.V2022_07_01)
                        .plus("OCIRepository", ApiVersion.V2024_11_01))));
    mutants.put(
        "GitHub provider too early",
        mutate(
            FluxSchema.PROPERTIES,
            "gitRepository.provider",
            f ->
                withType(
                    f,
                    new EnumType(
                        "ProviderType",
                        List.of(
                            new EnumType.Value("Azure", ApiVersion.V2024_11_01),
                            new EnumType.Value("Generic", ApiVersion.V2024_11_01),
                            new EnumType.Value("GitHub", ApiVersion.V2024_11_01))))));
    mutants.put(
        "accountKey not secret",
        mutate(
            FluxSchema.PROPERTIES,
            "azureBlob.accountKey",
            f ->
                new Field(
                    f.name(), f.type(), f.since(), f.readOnly(), false, f.createOnly(), null)));
    mutants.put(
        "scope not create-only",
        mutate(
            FluxSchema.PROPERTIES,
            "scope",
            f ->
                new Field(
                    f.name(),
                    f.type(),
                    f.since(),
                    f.readOnly(),
                    f.secret(),
                    false,
                    f.defaultValue())));
    mutants.put(
        "namespace default",
        mutate(FluxSchema.PROPERTIES, "namespace", f -> f.defaultsTo(TextNode.valueOf("flux"))));
    mutants.put(
        "complianceState writable",
        mutate(
            FluxSchema.PROPERTIES,
            "complianceState",
            f ->
                new Field(
                    f.name(),
                    f.type(),
                    f.since(),
                    false,
                    f.secret(),
                    f.createOnly(),
                    f.defaultValue())));
    mutants.put(
        "timeout is a string",
        mutate(
            FluxSchema.PROPERTIES,
            "gitRepository.timeoutInSeconds",
            f -> withType(f, ScalarType.STRING)));
    for (Map.Entry<String, ObjectType> mutant : mutants.entrySet()) {
      List<Diff> diffs = new ArrayList<>();
      for (ApiVersion version : ApiVersion.values()) {
        diffs.addAll(unexplained(compareProperties(version, mutant.getValue(), false)));
      }
      assertThat(diffs).as("mutant '%s' must be noticed", mutant.getKey()).isNotEmpty();
    }
  }

  // ---- comparison
  // ---------------------------------------------------------------------------------

  static List<Diff> compareProperties(ApiVersion version, ObjectType ours, boolean patch) {
    Spec spec = new Spec(version);
    String model = patch ? "FluxConfigurationPatch" : "FluxConfiguration";
    JsonNode root = spec.definition(model).path("properties").path("properties");
    assertThat(root.isMissingNode()).as("%s.properties in %s", model, version.wire()).isFalse();
    Comparison comparison = new Comparison(version, spec, patch);
    comparison.object(model, spec.resolve(root), ours, true);
    return comparison.diffs;
  }

  private static List<Diff> unexplained(List<Diff> diffs) {
    return diffs.stream()
        .filter(d -> DEVIATIONS.stream().noneMatch(dev -> dev.matches(d)))
        .toList();
  }

  private static final class Comparison {
    final ApiVersion version;
    final Spec spec;
    final boolean patch;
    final List<Diff> diffs = new ArrayList<>();

    Comparison(ApiVersion version, Spec spec, boolean patch) {
      this.version = version;
      this.spec = spec;
      this.patch = patch;
    }

    void object(String path, JsonNode specNode, ObjectType ours, boolean root) {
      JsonNode properties = specNode.path("properties");
      List<String> specNames = new ArrayList<>();
      properties.fieldNames().forEachRemaining(specNames::add);
      List<String> ourNames =
          ours.fields().stream().filter(f -> f.existsIn(version)).map(Field::name).toList();
      for (String name : specNames) {
        if (!ourNames.contains(name)) {
          diff(path + "." + name, "exists", "yes", "no");
        }
      }
      for (String name : ourNames) {
        Field field = ours.field(name).orElseThrow();
        if (!specNames.contains(name)) {
          boolean documentedExtra =
              patch && (field.readOnly() || (root && Set.of("scope", "namespace").contains(name)));
          if (!documentedExtra) {
            diff(path + "." + name, "exists", "no", "yes (since " + field.since().wire() + ")");
          }
          continue;
        }
        field(path + "." + name, spec.resolve(properties.get(name)), field);
      }
      List<String> specOrder = specNames.stream().filter(ourNames::contains).toList();
      List<String> ourOrder = ourNames.stream().filter(specNames::contains).toList();
      if (!patch && !specOrder.equals(ourOrder)) {
        diff(path, "order", specOrder.toString(), ourOrder.toString());
      }
    }

    void field(String path, JsonNode specNode, Field field) {
      flag(path, "readOnly", specNode.path("readOnly").asBoolean(false), field.readOnly());
      flag(path, "x-ms-secret", specNode.path("x-ms-secret").asBoolean(false), field.secret());
      if (!patch) {
        Set<String> mutability = new HashSet<>();
        specNode.path("x-ms-mutability").forEach(m -> mutability.add(m.asText()));
        boolean createOnly =
            mutability.contains("create")
                && mutability.contains("read")
                && !mutability.contains("update");
        flag(path, "x-ms-mutability create-only", createOnly, field.createOnly());
      }
      JsonNode specDefault = specNode.get("default");
      String specValue = specDefault == null ? "none" : specDefault.toString();
      String ourValue = field.defaultValue() == null ? "none" : field.defaultValue().toString();
      if (!specValue.equals(ourValue)) {
        diff(path, "default", specValue, ourValue);
      }
      type(path, specNode, field.type());
    }

    void type(String path, JsonNode specNode, SchemaType ours) {
      if (specNode.has("x-unresolved")) {
        diff(path, "unresolved $ref", specNode.get("x-unresolved").asText(), ours.jsonName());
        return;
      }
      String specType = specNode.path("type").asText("");
      if (specNode.has("enum")) {
        if (!(ours instanceof EnumType enumType)) {
          diff(path, "type", "enum", ours.jsonName());
          return;
        }
        Set<String> specValues = new TreeSet<>();
        specNode.get("enum").forEach(v -> specValues.add(v.asText()));
        Set<String> ourValues = new TreeSet<>(enumType.wiresIn(version));
        if (!specValues.equals(ourValues)) {
          diff(path, "enum values", specValues.toString(), ourValues.toString());
        }
        return;
      }
      switch (specType) {
        case "string" -> {
          ScalarType expected =
              "date-time".equals(specNode.path("format").asText())
                  ? ScalarType.DATE_TIME
                  : ScalarType.STRING;
          if (ours != expected) {
            diff(path, "type", expected.name(), describe(ours));
          }
        }
        case "integer" -> {
          if (ours != ScalarType.INT64) {
            diff(path, "type", "INT64", describe(ours));
          }
        }
        case "boolean" -> {
          if (ours != ScalarType.BOOLEAN) {
            diff(path, "type", "BOOLEAN", describe(ours));
          }
        }
        case "array" -> {
          if (ours instanceof ArrayType array) {
            type(path + "[]", spec.resolve(specNode.get("items")), array.items());
          } else {
            diff(path, "type", "array", describe(ours));
          }
        }
        case "object", "" -> {
          if (specNode.has("properties")) {
            if (ours instanceof ObjectType object) {
              object(path, specNode, object, false);
            } else {
              diff(path, "type", "object", describe(ours));
            }
          } else if (specNode.path("additionalProperties").isObject()) {
            if (ours instanceof MapType map) {
              type(path + "{}", spec.resolve(specNode.get("additionalProperties")), map.values());
            } else {
              diff(path, "type", "map", describe(ours));
            }
          } else {
            diff(path, "type", "untyped " + specNode, describe(ours));
          }
        }
        default -> diff(path, "type", specType, describe(ours));
      }
    }

    private static String describe(SchemaType type) {
      return type instanceof ScalarType scalar ? scalar.name() : type.getClass().getSimpleName();
    }

    void flag(String path, String aspect, boolean specValue, boolean ourValue) {
      if (specValue != ourValue) {
        diff(path, aspect, String.valueOf(specValue), String.valueOf(ourValue));
      }
    }

    void diff(String path, String aspect, String specValue, String ourValue) {
      diffs.add(new Diff(version, path, aspect, specValue, ourValue));
    }
  }

  // ---- the spec file
  // ------------------------------------------------------------------------------

  /**
   * One version's {@code fluxconfiguration.json} with {@code $ref} resolution: references within
   * the file, and the RP's shared {@code common/<version>/definitions.json} from the saved copy in
   * {@code testdata/azure-spec/kubernetesconfiguration-common}. A reference that cannot be resolved
   * becomes {@code {"x-unresolved": ref}}, which the comparison reports.
   */
  static final class Spec {
    private static final Pattern COMMON_REF =
        Pattern.compile(".*/common/([0-9a-z-]+)/definitions\\.json#/definitions/(\\w+)$");

    private final JsonNode document;

    Spec(ApiVersion version) {
      this.document = TestData.readJson(TestData.azureSpec(version.wire()));
    }

    JsonNode definition(String name) {
      return document.path("definitions").path(name);
    }

    /** The node with its {@code $ref} chain resolved; sibling keywords override the target's. */
    JsonNode resolve(JsonNode node) {
      Set<String> seen = new LinkedHashSet<>();
      JsonNode current = node;
      ObjectNode merged = null;
      while (current != null && current.has("$ref")) {
        String ref = current.get("$ref").asText();
        if (!seen.add(ref)) {
          throw new IllegalStateException("$ref cycle " + seen);
        }
        JsonNode target = lookup(ref);
        ObjectNode next = target.deepCopy();
        if (merged == null) {
          merged = (ObjectNode) current.deepCopy();
        }
        merged.remove("$ref");
        next.setAll(merged);
        merged = next;
        current = target;
      }
      return merged == null ? node : merged;
    }

    private JsonNode lookup(String ref) {
      if (ref.startsWith("#/definitions/")) {
        JsonNode target = definition(ref.substring("#/definitions/".length()));
        if (!target.isMissingNode()) {
          return target;
        }
      }
      Matcher common = COMMON_REF.matcher(ref);
      if (common.matches()) {
        Path file =
            TestData.root()
                .resolve("azure-spec/kubernetesconfiguration-common")
                .resolve(common.group(1))
                .resolve("definitions.json");
        if (Files.exists(file)) {
          JsonNode target = TestData.readJson(file).path("definitions").path(common.group(2));
          if (!target.isMissingNode()) {
            return target;
          }
        }
      }
      ObjectNode unresolved =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      unresolved.put("x-unresolved", ref);
      return unresolved;
    }
  }

  // ---- schema mutation (for the self-test)
  // --------------------------------------------------------

  /** {@code root} with the field at a dotted path (map values and array items are transparent). */
  static ObjectType mutate(ObjectType root, String path, UnaryOperator<Field> change) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    List<Field> fields = new ArrayList<>();
    for (Field field : root.fields()) {
      if (!field.name().equals(head)) {
        fields.add(field);
      } else if (dot < 0) {
        fields.add(change.apply(field));
      } else {
        fields.add(withType(field, mutateType(field.type(), path.substring(dot + 1), change)));
      }
    }
    return new ObjectType(root.name(), fields);
  }

  private static SchemaType mutateType(SchemaType type, String path, UnaryOperator<Field> change) {
    return switch (type) {
      case ObjectType object -> mutate(object, path, change);
      case MapType map -> new MapType(mutateType(map.values(), path, change));
      case ArrayType array -> new ArrayType(mutateType(array.items(), path, change));
      default -> throw new IllegalArgumentException("no fields below " + type);
    };
  }

  static Field withType(Field f, SchemaType type) {
    return new Field(
        f.name(), type, f.since(), f.readOnly(), f.secret(), f.createOnly(), f.defaultValue());
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }
}
