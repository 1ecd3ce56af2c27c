package io.fluxrp.server.fluxconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import io.fluxrp.server.testing.SpecDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four "Sample request"s of the seed document (testdata/flux-configurations-create-or-update
 * .txt), sent verbatim to their paths: 201 with the LRO headers and a spec-shaped body, then the
 * cluster reports, the operation succeeds, GET shows the reported status, and the identical PUT is
 * a plain 200.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class SeedExamplesTest {
  private static final Path SEED = Path.of("../testdata/flux-configurations-create-or-update.txt");
  private static final String HOST = "https://management.azure.com";

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /** One "Sample request" of the seed: its title, path (with query) and body text. */
  record Example(String title, String pathAndQuery, String body) {
    @Override
    public String toString() {
      return title;
    }
  }

  /** Each example uses the same path: remove whatever the last one left. */
  @AfterEach
  void cleanUp() {
    for (Example example : examples().toList()) {
      client.delete(example.pathAndQuery() + "&forceDelete=true");
    }
    server.syncClusters();
  }

  static Stream<Example> examples() {
    List<String> lines;
    try {
      lines = Files.readAllLines(SEED);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("Sample request")) {
        continue;
      }
      int t = i - 1;
      while (lines.get(t).isBlank()) {
        t--;
      }
      String title = lines.get(t).strip();
      int put = i + 1;
      while (!lines.get(put).startsWith("PUT " + HOST)) {
        put++;
      }
      String path = lines.get(put).substring(("PUT " + HOST).length()).strip();
      StringBuilder body = new StringBuilder();
      int b = put + 1;
      while (!lines.get(b).strip().equals("Sample response")) {
        body.append(lines.get(b)).append('\n');
        b++;
      }
      examples.add(new Example(title, path, body.toString().strip()));
    }
    return examples.stream();
  }

  @Test
  void theSeedHasFourSampleRequests() {
    assertThat(examples().map(Example::title))
        .containsExactly(
            "Create Flux Configuration",
            "Create Flux Configuration with Bucket Source Kind",
            "Create Flux Configuration with Git Repository Provider",
            "Create Flux Configuration with OCIRepository Source Kind");
    assertThat(examples().map(Example::pathAndQuery))
        .allMatch(p -> p.equals(ArmClient.v(ArmClient.config("srs-fluxconfig"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void createsReportsAndIsIdempotent(Example example) throws IOException {
    String resourceId = example.pathAndQuery().substring(0, example.pathAndQuery().indexOf('?'));
    ObjectNode requestProperties =
        (ObjectNode) Json.mapper().readTree(example.body()).get("properties");
    ObjectNode expectedDesired = SpecDefaults.apply(requestProperties);
    Instant before = server.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    ArmClient.Response created = client.put(example.pathAndQuery(), example.body());

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Arm.assertCommonHeaders(created);
    Arm.Lro lro = Arm.assertLro(created, client.base(), resourceId, "2025-04-01");
    assertThat(created.header("ETag").orElse("")).matches("\"[^\"]+\"");
    assertThat(created.header("x-ms-correlation-request-id")).isPresent();
    JsonNode body = created.json();
    assertThat(Arm.fieldNames(body))
        .containsExactly("id", "name", "type", "systemData", "properties");
    assertThat(body.path("id").asText()).isEqualTo(resourceId);
    assertThat(body.path("name").asText()).isEqualTo("srs-fluxconfig");
    assertThat(body.path("type").asText())
        .isEqualTo("Microsoft.KubernetesConfiguration/fluxConfigurations");
    JsonNode systemData = body.path("systemData");
    assertThat(systemData.path("createdBy").asText()).isEqualTo("admin@fluxrp.local");
    assertThat(systemData.path("createdByType").asText()).isEqualTo("User");
    assertThat(systemData.path("lastModifiedBy").asText()).isEqualTo("admin@fluxrp.local");
    assertThat(systemData.path("lastModifiedByType").asText()).isEqualTo("User");
    assertThat(Instant.parse(systemData.path("createdAt").asText())).isEqualTo(before);
    JsonNode properties = body.path("properties");
    assertThat(SpecDefaults.desiredPart(properties)).isEqualTo(expectedDesired);
    assertThat(properties.path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(properties.path("complianceState").asText()).isEqualTo("Unknown");
    assertThat(properties.has("configurationProtectedSettings")).isFalse();

    // before the cluster reports, the operation runs and GET shows Creating
    assertThat(client.get(lro.asyncOperationUrl()).json().path("status").asText())
        .isEqualTo("Creating");
    server.clock().advance(Duration.ofSeconds(5));
    server.syncClusters();

    ArmClient.Response status = client.get(lro.asyncOperationUrl());
    assertThat(status.status()).isEqualTo(200);
    JsonNode operation = status.json();
    assertThat(Arm.fieldNames(operation))
        .containsExactlyInAnyOrder(
            "id", "name", "status", "startTime", "endTime", "properties", "error");
    assertThat(operation.path("id").asText())
        .isEqualTo(resourceId + "/operations/" + lro.operationId());
    assertThat(operation.path("name").asText()).isEqualTo(lro.operationId());
    assertThat(operation.path("status").asText()).isEqualTo("Succeeded");
    assertThat(Instant.parse(operation.path("startTime").asText())).isEqualTo(before);
    // it ended when the cluster reported
    assertThat(Instant.parse(operation.path("endTime").asText())).isEqualTo(before.plusSeconds(5));
    assertThat(operation.path("properties").isObject()).isTrue();
    assertThat(operation.path("properties").isEmpty()).isTrue();
    assertThat(operation.get("error").isNull()).isTrue();

    ArmClient.Response got = client.get(example.pathAndQuery());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("ETag")).isEqualTo(created.header("ETag"));
    JsonNode reported = got.json().path("properties");
    assertThat(SpecDefaults.desiredPart(reported)).isEqualTo(expectedDesired);
    assertThat(reported.path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(reported.path("complianceState").asText()).isEqualTo("Compliant");
    assertThat(reported.path("sourceSyncedCommitId").asText()).isNotBlank();
    assertThat(reported.path("statusUpdatedAt").asText()).isNotBlank();
    assertThat(reported.has("errorMessage")).isFalse();
    List<String> expectedObjects = new ArrayList<>();
    expectedObjects.add(sourceObjectKind(expectedDesired) + " srs-namespace/srs-fluxconfig");
    expectedDesired
        .path("kustomizations")
        .fieldNames()
        .forEachRemaining(
            k -> expectedObjects.add("Kustomization srs-namespace/srs-fluxconfig-" + k));
    List<String> objects = new ArrayList<>();
    for (JsonNode s : reported.path("statuses")) {
      objects.add(
          s.path("kind").asText()
              + " "
              + s.path("namespace").asText()
              + "/"
              + s.path("name").asText());
      assertThat(s.path("complianceState").asText()).as("%s", s).isEqualTo("Compliant");
      assertThat(s.path("statusConditions").get(0).path("type").asText()).isEqualTo("Ready");
      assertThat(s.path("statusConditions").get(0).path("status").asText()).isEqualTo("True");
    }
    assertThat(objects).containsExactlyElementsOf(expectedObjects);

    // the identical request again: nothing to do, a plain 200
    ArmClient.Response again = client.put(example.pathAndQuery(), example.body());
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    Arm.assertCommonHeaders(again);
    Arm.assertNoLro(again);
    assertThat(again.header("Retry-After")).isEmpty();
    assertThat(again.json()).isEqualTo(got.json());
    assertThat(again.header("ETag")).isEqualTo(created.header("ETag"));
  }

  private static String sourceObjectKind(JsonNode desired) {
    return desired.path("sourceKind").asText();
  }
}
