package io.fluxrp.agent.fluxobjects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.testing.CrdSchemas;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Configurations from JSON, building with schema checks, and views of the built objects. */
final class Fixtures {
  static final CrdSchemas CRDS = CrdSchemas.flux();
  static final String OPERATION_ID = "5a1c7f0e-2b9d-4c1e-8f3a-9d6b2e4c7a10";
  static final long GENERATION = 7;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** A configuration whose properties are the given wire JSON. */
  static ConfigurationSpec spec(String name, String propertiesJson) {
    return new ConfigurationSpec(name, GENERATION, OPERATION_ID, properties(propertiesJson));
  }

  static FluxConfigurationProperties properties(String json) {
    try {
      return Json.mapper().readValue(json, FluxConfigurationProperties.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static DesiredObjects build(ConfigurationSpec spec) {
    return build(spec, Optional.empty(), FluxApis.V1);
  }

  static DesiredObjects build(ConfigurationSpec spec, Optional<SshIdentity> identity) {
    return build(spec, identity, FluxApis.V1);
  }

  /** Builds, and checks every Flux object against its CRD schema and CEL rules. */
  static DesiredObjects build(
      ConfigurationSpec spec, Optional<SshIdentity> identity, FluxApis apis) {
    DesiredObjects desired = FluxObjectFactory.build(spec, apis, identity);
    for (GenericKubernetesResource object : desired.objects()) {
      if (object.getApiVersion().contains("fluxcd.io")) {
        assertThat(CRDS.problems(object)).as(describe(object)).isEmpty();
        assertThat(FluxCelRules.problems(tree(object))).as(describe(object)).isEmpty();
      }
    }
    return desired;
  }

  static JsonNode tree(Object object) {
    return MAPPER.valueToTree(object);
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode specOf(GenericKubernetesResource resource) {
    return tree(resource).get("spec");
  }

  /** The Secret's {@code data}, each value base64-decoded as UTF-8 text. */
  static Map<String, String> decodedData(GenericKubernetesResource secret) {
    Map<String, String> decoded = new LinkedHashMap<>();
    tree(secret)
        .get("data")
        .fields()
        .forEachRemaining(
            e ->
                decoded.put(
                    e.getKey(),
                    new String(
                        Base64.getDecoder().decode(e.getValue().textValue()),
                        StandardCharsets.UTF_8)));
    return decoded;
  }

  static GenericKubernetesResource secret(DesiredObjects desired, String name) {
    return desired.byKindAndName("Secret", name).orElseThrow();
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String describe(GenericKubernetesResource object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
