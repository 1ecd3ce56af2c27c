package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation through HTTP: each rule of DESIGN §3 "Validation beyond the schema" with one body it
 * accepts and one it refuses (400, the codes and every {@code details[].target}); schema problems
 * (unknown properties, wrong types, properties of newer api-versions); create-only properties; path
 * parameters. After every refused request the stored state is unchanged.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ValidationHttpTest {
  private static final String GIT =
      "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"repositoryRef\":"
          + " {\"branch\": \"main\"}}";
  private static final String KNOWN_HOSTS =
      Bodies.b64(
          "github.com ssh-ed25519"
              + " AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
  private static final String SSH_KEY = PlantedSecrets.watch(Bodies.b64(Bodies.privateKeyPem()));
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /**
   * One validation rule: a body that passes, a body that breaks the rule, and what the 400 says.
   */
  record Rule(
      String rule,
      String name,
      String valid,
      String invalid,
      List<String> detailCodes,
      List<String> targets,
      List<String> updateCodes,
      List<String> updateTargets) {
    Rule(
        String rule,
        String name,
        String valid,
        String invalid,
        List<String> detailCodes,
        List<String> targets) {
      this(rule, name, valid, invalid, detailCodes, targets, detailCodes, targets);
    }

    @Override
    public String toString() {
      return rule;
    }
  }

  private static String props(String inner) {
    return "{\"properties\": {" + inner + "}}";
  }

  private static String gitWith(String inner) {
    return props(GIT + ", " + inner);
  }

  private static String kustomizations(String map) {
    return gitWith("\"kustomizations\": " + map);
  }

  private static final String INVALID = "InvalidPropertyValue";
  private static final String MISSING = "MissingProperty";

  static Stream<Rule> rules() {
    String k55 = "k" + "x".repeat(54);
    return Stream.of(
        new Rule(
            "kustomization names are DNS-1123",
            "v-kname",
            kustomizations("{\"infra.base-1\": {}}"),
            kustomizations("{\"Infra_Base\": {}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.Infra_Base")),
        new Rule(
            "<config>-<kustomization> is at most 63 characters",
            "v-klen", // 6 + 1 + 56 = 63 is fine, 64 is not
            kustomizations("{\"" + k55 + "y\": {}}"),
            kustomizations("{\"" + k55 + "yz\": {}}"),
            List.of(INVALID),
            List.of("properties.kustomizations." + k55 + "yz")),
        new Rule(
            "namespace is a DNS-1123 label of at most 63 characters",
            "v-namespace",
            gitWith("\"namespace\": \"" + "n".repeat(63) + "\""),
            gitWith("\"namespace\": \"team.a\""),
            List.of(INVALID),
            List.of("properties.namespace"),
            // on an existing configuration, it is also a change of a create-only property
            List.of("PropertyChangeNotAllowed", INVALID),
            List.of("properties.namespace", "properties.namespace")),
        new Rule(
            "sourceKind matches the one populated source block (others absent, null or {})",
            "v-sourcekind",
            gitWith("\"sourceKind\": \"GitRepository\", \"bucket\": null, \"azureBlob\": {}"),
            gitWith(
                "\"sourceKind\": \"Bucket\", \"ociRepository\": {\"url\": \"oci://ghcr.io/x/y\"}"),
            List.of(INVALID, MISSING, INVALID),
            List.of("properties.gitRepository", "properties.bucket", "properties.ociRepository")),
        new Rule(
            "Git URL is http(s)://, ssh:// or git@host:path",
            "v-giturl",
            props("\"gitRepository\": {\"url\": \"git@github.com:fluxrp/demo.git\"}"),
            props("\"gitRepository\": {\"url\": \"ftp://github.com/fluxrp/demo\"}"),
            List.of(INVALID),
            List.of("properties.gitRepository.url")),
        new Rule(
            "SSH credentials only with an SSH URL",
            "v-sshcreds",
            props(
                "\"gitRepository\": {\"url\": \"ssh://git@github.com/fluxrp/demo\","
                    + " \"sshKnownHosts\": \""
                    + KNOWN_HOSTS
                    + "\"}, \"configurationProtectedSettings\": {\"sshPrivateKey\": \""
                    + SSH_KEY
                    + "\"}"),
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
                    + " \"sshKnownHosts\": \""
                    + KNOWN_HOSTS
                    + "\"}, \"configurationProtectedSettings\": {\"sshPrivateKey\": \""
                    + SSH_KEY
                    + "\"}"),
            List.of(INVALID, INVALID),
            List.of(
                "properties.configurationProtectedSettings.sshPrivateKey",
                "properties.gitRepository.sshKnownHosts")),
        new Rule(
            "HTTPS user and key only with an HTTPS URL, and together",
            "v-httpscreds",
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"httpsUser\":"
                    + " \"git\"}, \"configurationProtectedSettings\": {\"httpsKey\": \""
                    + PlantedSecrets.base64("httpsKey-valid")
                    + "\"}"),
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"httpsUser\":"
                    + " \"git\"}, \"configurationProtectedSettings\": {}"),
            List.of(MISSING),
            List.of("properties.configurationProtectedSettings.httpsKey")),
        new Rule(
            "HTTPS user not with an SSH URL",
            "v-httpsssh",
            props("\"gitRepository\": {\"url\": \"ssh://git@github.com/fluxrp/demo\"}"),
            props(
                "\"gitRepository\": {\"url\": \"ssh://git@github.com/fluxrp/demo\", \"httpsUser\":"
                    + " \"git\"}"),
            List.of(INVALID),
            List.of("properties.gitRepository.httpsUser")),
        new Rule(
            "bucket URL is http(s)://",
            "v-bucketurl",
            props(
                "\"sourceKind\": \"Bucket\", \"bucket\": {\"url\": \"http://minio.local:9000\","
                    + " \"bucketName\": \"flux\"}"),
            props(
                "\"sourceKind\": \"Bucket\", \"bucket\": {\"url\": \"s3://minio.local\","
                    + " \"bucketName\": \"flux\"}"),
            List.of(INVALID),
            List.of("properties.bucket.url")),
        new Rule(
            "Azure Blob URL is http(s)://",
            "v-bloburl",
            props(
                "\"sourceKind\": \"AzureBlob\", \"azureBlob\": {\"url\":"
                    + " \"https://acct.blob.core.windows.net\", \"containerName\": \"flux\"}"),
            props(
                "\"sourceKind\": \"AzureBlob\", \"azureBlob\": {\"url\":"
                    + " \"wasbs://acct.blob.core.windows.net\", \"containerName\": \"flux\"}"),
            List.of(INVALID),
            List.of("properties.azureBlob.url")),
        new Rule(
            "OCI URL is oci://",
            "v-ociurl",
            props(
                "\"sourceKind\": \"OCIRepository\", \"ociRepository\": {\"url\":"
                    + " \"oci://ghcr.io/fluxrp/manifests\"}"),
            props(
                "\"sourceKind\": \"OCIRepository\", \"ociRepository\": {\"url\":"
                    + " \"https://ghcr.io/fluxrp/manifests\"}"),
            List.of(INVALID),
            List.of("properties.ociRepository.url")),
        new Rule(
            "OCI digest is sha256:<64 hex>",
            "v-ocidigest",
            props(
                "\"sourceKind\": \"OCIRepository\", \"ociRepository\": {\"url\":"
                    + " \"oci://ghcr.io/fluxrp/manifests\", \"repositoryRef\": {\"digest\": \""
                    + DIGEST
                    + "\"}}"),
            props(
                "\"sourceKind\": \"OCIRepository\", \"ociRepository\": {\"url\":"
                    + " \"oci://ghcr.io/fluxrp/manifests\", \"repositoryRef\": {\"digest\":"
                    + " \"sha256:abc\"}}"),
            List.of(INVALID),
            List.of("properties.ociRepository.repositoryRef.digest")),
        new Rule(
            "at most one Azure Blob authentication method",
            "v-blobauth",
            props(
                "\"sourceKind\": \"AzureBlob\", \"azureBlob\": {\"url\":"
                    + " \"https://acct.blob.core.windows.net\", \"containerName\": \"flux\","
                    + " \"accountKey\": \""
                    + PlantedSecrets.text("accountKey-valid")
                    + "\"}"),
            props(
                "\"sourceKind\": \"AzureBlob\", \"azureBlob\": {\"url\":"
                    + " \"https://acct.blob.core.windows.net\", \"containerName\": \"flux\","
                    + " \"accountKey\": \""
                    + PlantedSecrets.text("accountKey-invalid")
                    + "\", \"sasToken\": \""
                    + PlantedSecrets.text("sasToken-invalid")
                    + "\"}"),
            List.of(INVALID),
            List.of("properties.azureBlob")),
        new Rule(
            "base64 fields decode",
            "v-base64",
            gitWith("\"configurationProtectedSettings\": {}")
                .replace("\"main\"}", "\"main\"}, \"httpsCACert\": \"" + Bodies.b64("a CA") + "\""),
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"httpsCACert\":"
                    + " \"not base64!\", \"httpsUser\": \"git\"}, \"configurationProtectedSettings\":"
                    + " {\"httpsKey\": \"%%"
                    + PlantedSecrets.text("httpsKey-not-base64")
                    + "\"}"),
            List.of(INVALID, INVALID),
            List.of(
                "properties.gitRepository.httpsCACert",
                "properties.configurationProtectedSettings.httpsKey")),
        new Rule(
            "known_hosts lines parse",
            "v-knownhosts",
            props(
                "\"gitRepository\": {\"url\": \"git@github.com:fluxrp/demo.git\", \"sshKnownHosts\":"
                    + " \""
                    + KNOWN_HOSTS
                    + "\"}"),
            props(
                "\"gitRepository\": {\"url\": \"git@github.com:fluxrp/demo.git\", \"sshKnownHosts\":"
                    + " \""
                    + Bodies.b64("github.com ssh-ed25519 bm90IGEga2V5")
                    + "\"}"),
            List.of(INVALID),
            List.of("properties.gitRepository.sshKnownHosts")),
        new Rule(
            "a supplied SSH private key parses",
            "v-sshkey",
            props(
                "\"gitRepository\": {\"url\": \"git@github.com:fluxrp/demo.git\"},"
                    + " \"configurationProtectedSettings\": {\"sshPrivateKey\": \""
                    + SSH_KEY
                    + "\"}"),
            props(
                "\"gitRepository\": {\"url\": \"git@github.com:fluxrp/demo.git\"},"
                    + " \"configurationProtectedSettings\": {\"sshPrivateKey\": \""
                    + PlantedSecrets.base64("sshPrivateKey-garbage")
                    + "\"}"),
            List.of(INVALID),
            List.of("properties.configurationProtectedSettings.sshPrivateKey")),
        new Rule(
            "dependsOn names exist in the configuration",
            "v-dependson",
            kustomizations("{\"a\": {}, \"b\": {\"dependsOn\": [\"a\"]}}"),
            kustomizations("{\"a\": {}, \"b\": {\"dependsOn\": [\"a\", \"nope\"]}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.b.dependsOn[1]")),
        new Rule(
            "no kustomization depends on itself",
            "v-selfdep",
            kustomizations("{\"a\": {\"dependsOn\": []}}"),
            kustomizations("{\"a\": {\"dependsOn\": [\"a\"]}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.a.dependsOn[0]")),
        new Rule(
            "no dependency cycle",
            "v-cycle",
            kustomizations(
                "{\"a\": {}, \"b\": {\"dependsOn\": [\"a\"]}, \"c\": {\"dependsOn\": [\"b\"]}}"),
            kustomizations(
                "{\"a\": {\"dependsOn\": [\"c\"]}, \"b\": {\"dependsOn\": [\"a\"]}, \"c\":"
                    + " {\"dependsOn\": [\"b\"]}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.a.dependsOn[0]")),
        new Rule(
            "intervals and timeouts are 1..35791394 s",
            "v-seconds",
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
                    + " \"timeoutInSeconds\": 1, \"syncIntervalInSeconds\": 35791394},"
                    + " \"kustomizations\": {\"a\": {\"retryIntervalInSeconds\": 35791394}}"),
            props(
                "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
                    + " \"timeoutInSeconds\": 0, \"syncIntervalInSeconds\": 35791395},"
                    + " \"kustomizations\": {\"a\": {\"retryIntervalInSeconds\": -1,"
                    + " \"timeoutInSeconds\": 35791395}}"),
            List.of(INVALID, INVALID, INVALID, INVALID),
            List.of(
                "properties.gitRepository.timeoutInSeconds",
                "properties.gitRepository.syncIntervalInSeconds",
                "properties.kustomizations.a.timeoutInSeconds",
                "properties.kustomizations.a.retryIntervalInSeconds")),
        new Rule(
            "postBuild.substitute keys are ^[_a-zA-Z][_a-zA-Z0-9]*$",
            "v-substitute",
            kustomizations(
                "{\"a\": {\"postBuild\": {\"substitute\": {\"_cluster_env2\": \"x\"}}}}"),
            kustomizations(
                "{\"a\": {\"postBuild\": {\"substitute\": {\"ok\": \"x\", \"1bad\": \"y\"}}}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.a.postBuild.substitute['1bad']")),
        new Rule(
            "substituteFrom.kind is ConfigMap or Secret",
            "v-substfrom",
            kustomizations(
                "{\"a\": {\"postBuild\": {\"substituteFrom\": [{\"kind\": \"ConfigMap\", \"name\":"
                    + " \"vars\"}, {\"kind\": \"Secret\", \"name\": \"vars\"}]}}}"),
            kustomizations(
                "{\"a\": {\"postBuild\": {\"substituteFrom\": [{\"kind\": \"ConfigMap\", \"name\":"
                    + " \"vars\"}, {\"kind\": \"configmap\", \"name\": \"vars\"}]}}}"),
            List.of(INVALID),
            List.of("properties.kustomizations.a.postBuild.substituteFrom[1].kind")),
        new Rule(
            "reconciliationWaitDuration is an ISO-8601 duration",
            "v-waitduration",
            gitWith("\"waitForReconciliation\": true, \"reconciliationWaitDuration\": \"P1DT2H\""),
            gitWith("\"waitForReconciliation\": true, \"reconciliationWaitDuration\": \"30m\""),
            List.of(INVALID),
            List.of("properties.reconciliationWaitDuration")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleAcceptsOneBodyAndRefusesTheOther(Rule rule) {
    String path = v(config(rule.name()));

    ArmClient.Response refusedOnCreate = client.put(path, rule.invalid());
    assertRefused(refusedOnCreate, rule.detailCodes(), rule.targets());
    Arm.assertError(client.get(path), 404, "ResourceNotFound");

    ArmClient.Response before = server.createAndSync(rule.name(), rule.valid());

    ArmClient.Response refusedOnUpdate = client.put(path, rule.invalid());
    assertRefused(refusedOnUpdate, rule.updateCodes(), rule.updateTargets());
    ArmClient.Response after = client.get(path);
    assertThat(after.json()).isEqualTo(before.json());
    assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
  }

  private static void assertRefused(
      ArmClient.Response response, List<String> codes, List<String> targets) {
    JsonNode error = Arm.assertError(response, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(response)).as("%s", response).containsExactlyElementsOf(targets);
    assertThat(Arm.detailCodes(response)).containsExactlyElementsOf(codes);
    for (JsonNode detail : error.path("details")) {
      assertThat(detail.path("message").asText()).isNotBlank();
    }
    if (targets.size() == 1) {
      assertThat(error.path("target").asText()).isEqualTo(targets.get(0));
    }
  }

  @Test
  void everyProblemOfABodyIsReportedAtOnce() {
    String path = v(config("v-many"));
    ArmClient.Response response =
        client.put(
            path,
            """
            {"properties": {"namespace": "Bad_NS",
              "gitRepository": {"url": "ftp://example.com/x", "timeoutInSeconds": 0},
              "kustomizations": {"a": {"dependsOn": ["b"]}, "B": {}},
              "reconciliationWaitDuration": "soon"}}
            """);

    JsonNode error = Arm.assertError(response, 400, "InvalidRequestContent");
    assertThat(error.path("message").asText()).contains("6");
    assertThat(Arm.detailTargets(response))
        .containsExactlyInAnyOrder(
            "properties.namespace",
            "properties.gitRepository.url",
            "properties.gitRepository.timeoutInSeconds",
            "properties.kustomizations.a.dependsOn[0]",
            "properties.kustomizations.B",
            "properties.reconciliationWaitDuration");
    Arm.assertError(client.get(path), 404, "ResourceNotFound");
  }

  @Test
  void unknownPropertiesAreRefusedByPath() {
    String path = v(config("v-unknown"));
    ArmClient.Response response =
        client.put(
            path,
            """
            {"location": "westus", "properties": {"gitRepository": {"url": "https://github.com/fluxrp/demo",
              "branch": "main"}, "kustomizations": {"a": {"pathh": "./x"}}}}
            """);

    Arm.assertInvalidContent(
        response,
        "location",
        "properties.gitRepository.branch",
        "properties.kustomizations.a.pathh");
    assertThat(Arm.detailCodes(response)).containsOnly("UnknownProperty");
    JsonNode details = response.json().at("/error/details");
    assertThat(details.get(1).path("message").asText()).contains("properties.gitRepository.branch");
    assertThat(details.get(2).path("message").asText()).contains("'path'");
    Arm.assertError(client.get(path), 404, "ResourceNotFound");
  }

  @Test
  void wrongJsonTypesAreRefused() {
    String path = v(config("v-types"));
    ArmClient.Response response =
        client.put(
            path,
            """
            {"properties": {"suspend": "yes", "namespace": 7,
              "gitRepository": {"url": "https://github.com/fluxrp/demo", "timeoutInSeconds": "600",
                "syncIntervalInSeconds": 1.5, "repositoryRef": "main"},
              "kustomizations": {"a": {"dependsOn": "b", "prune": 1}, "b": []}}}
            """);

    Arm.assertError(response, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(response))
        .containsExactlyInAnyOrder(
            "properties.suspend",
            "properties.namespace",
            "properties.gitRepository.timeoutInSeconds",
            "properties.gitRepository.syncIntervalInSeconds",
            "properties.gitRepository.repositoryRef",
            "properties.kustomizations.a.dependsOn",
            "properties.kustomizations.a.prune",
            "properties.kustomizations.b");
    assertThat(Arm.detailCodes(response)).containsOnly("InvalidPropertyType");

    Arm.assertError(client.put(path, "{\"properties\": []}"), 400, "InvalidRequestContent");
    Arm.assertError(
        client.put(
            path, "{\"properties\": {\"kustomizations\": {\"a\": {\"dependsOn\": [null]}}}}"),
        400,
        "InvalidRequestContent");
    Arm.assertError(
        client.put(path, "{\"properties\": {\"sourceKind\": \"Svn\"}}"),
        400,
        "InvalidRequestContent");
    Arm.assertError(client.get(path), 404, "ResourceNotFound");
  }

  @Test
  void propertiesAndValuesOfNewerApiVersionsAreRefused() {
    String name = "v-newer";
    String oci =
        "{\"properties\": {\"sourceKind\": \"OCIRepository\", \"ociRepository\": {\"url\":"
            + " \"oci://ghcr.io/fluxrp/manifests\"}}}";
    /** A body refused in {@code apiVersion}; {@code validInNewest}: accepted in 2025-04-01. */
    record Case(String apiVersion, String body, List<String> targets, boolean validInNewest) {}
    List<Case> cases =
        List.of(
            new Case(
                "2023-05-01",
                oci,
                List.of("properties.sourceKind", "properties.ociRepository"),
                true),
            new Case(
                "2023-05-01",
                gitWith("\"sourceKind\": \"OCIRepository\""),
                List.of("properties.sourceKind"),
                false), // gitRepository does not match the source kind
            new Case(
                "2024-04-01-preview",
                props(
                    "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"provider\":"
                        + " \"Generic\"}"),
                List.of("properties.gitRepository.provider"),
                true),
            new Case(
                "2024-11-01",
                props(
                    "\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\", \"provider\":"
                        + " \"GitHub\"}"),
                List.of("properties.gitRepository.provider"),
                true),
            new Case(
                "2022-11-01",
                gitWith(
                    "\"waitForReconciliation\": true, \"kustomizations\": {\"a\": {\"wait\":"
                        + " false, \"postBuild\": {}}}"),
                List.of(
                    "properties.waitForReconciliation",
                    "properties.kustomizations.a.wait",
                    "properties.kustomizations.a.postBuild"),
                true),
            new Case(
                "2022-03-01",
                props(
                    "\"sourceKind\": \"AzureBlob\", \"azureBlob\": {\"url\":"
                        + " \"https://acct.blob.core.windows.net\", \"containerName\": \"c\"}"),
                List.of("properties.sourceKind", "properties.azureBlob"),
                true));
    for (Case c : cases) {
      ArmClient.Response response = client.put(v(config(name), c.apiVersion()), c.body());
      Arm.assertError(response, 400, "InvalidRequestContent");
      assertThat(Arm.detailTargets(response))
          .as("%s", response)
          .containsExactlyInAnyOrderElementsOf(c.targets());
      assertThat(Arm.detailCodes(response)).containsOnly("PropertyNotSupportedInApiVersion");
      Arm.assertError(client.get(v(config(name), c.apiVersion())), 404, "ResourceNotFound");
    }
    // the same bodies are fine in the newest version: the api-version was the only problem
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).validInNewest()) {
        ArmClient.Response created = client.put(v(config(name + "-" + i)), cases.get(i).body());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
      }
    }
  }

  @Test
  void readOnlyPropertiesSentBackAreIgnored() {
    String path = v(config("v-readonly"));
    ArmClient.Response before =
        server.createAndSync(
            "v-readonly", Bodies.example("CreateFluxConfiguration.json", "fluxConfiguration"));

    // GET-modify-PUT: the whole GET body, read-only fields included
    ArmClient.Response same = client.put(path, before.text());
    assertThat(same.status()).as("%s", same).isEqualTo(200);
    Arm.assertNoLro(same);
    assertThat(same.json()).isEqualTo(before.json());

    // read-only values that differ from the stored ones are ignored too
    ObjectNode doctored = (ObjectNode) before.json().deepCopy();
    doctored.put("id", "/subscriptions/other/x");
    doctored.put("name", "other");
    doctored.put("type", "Other/type");
    ((ObjectNode) doctored.get("systemData")).put("createdBy", "mallory");
    ObjectNode properties = (ObjectNode) doctored.get("properties");
    properties.put("provisioningState", "Failed");
    properties.put("complianceState", "Non-Compliant");
    properties.put("errorMessage", "x");
    properties.putArray("statuses");
    properties.put("sourceSyncedCommitId", "main@sha1:0");
    ((ObjectNode) properties.at("/kustomizations/srs-kustomization1")).put("name", "renamed");
    ArmClient.Response doctoredPut = client.put(path, Bodies.write(doctored));
    assertThat(doctoredPut.status()).as("%s", doctoredPut).isEqualTo(200);
    Arm.assertNoLro(doctoredPut);
    assertThat(doctoredPut.json()).isEqualTo(before.json());
    assertThat(client.get(path).json()).isEqualTo(before.json());
  }

  @Test
  void scopeAndNamespaceCannotChangeByPut() {
    String path = v(config("v-createonly"));
    ArmClient.Response before =
        server.createAndSync("v-createonly", gitWith("\"namespace\": \"team-a\""));

    ArmClient.Response namespace = client.put(path, gitWith("\"namespace\": \"team-b\""));
    Arm.assertError(namespace, 400, "PropertyChangeNotAllowed");
    assertThat(Arm.detailTargets(namespace)).containsExactly("properties.namespace");

    ArmClient.Response scope =
        client.put(path, gitWith("\"namespace\": \"team-a\", \"scope\": \"namespace\""));
    Arm.assertError(scope, 400, "PropertyChangeNotAllowed");
    assertThat(Arm.detailTargets(scope)).containsExactly("properties.scope");

    // mixed with another problem: InvalidRequestContent listing both
    ArmClient.Response mixed =
        client.put(
            path,
            props(
                "\"namespace\": \"team-b\", \"gitRepository\": {\"url\": \"ftp://github.com/x\"}"));
    Arm.assertError(mixed, 400, "InvalidRequestContent");
    assertThat(Arm.detailTargets(mixed))
        .containsExactlyInAnyOrder("properties.namespace", "properties.gitRepository.url");

    assertThat(client.get(path).json()).isEqualTo(before.json());
    // the same values are fine (scope spelled in another case, too)
    assertThat(
            client.put(path, gitWith("\"namespace\": \"team-a\", \"scope\": \"Cluster\"")).status())
        .isEqualTo(200);
  }

  @Test
  void invalidPathParametersAreRefused() {
    String cluster = "/providers/Microsoft.Kubernetes/connectedClusters/c1";
    String suffix = "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/";
    record Case(String path, String target) {}
    List<Case> cases =
        List.of(
            new Case(
                "/subscriptions/s1/resourceGroups/" + "r".repeat(91) + cluster + suffix + "cfg",
                "resourceGroupName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg%21" + cluster + suffix + "cfg",
                "resourceGroupName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters2/c1"
                    + suffix
                    + "cfg",
                "clusterResourceName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1" + cluster + suffix + "MyConfig",
                "fluxConfigurationName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1" + cluster + suffix + "c".repeat(64),
                "fluxConfigurationName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1" + cluster + suffix + "my_config",
                "fluxConfigurationName"),
            // segments too long to store (they were a 500)
            new Case(
                "/subscriptions/"
                    + "s".repeat(261)
                    + "/resourceGroups/rg1"
                    + cluster
                    + suffix
                    + "cfg",
                "subscriptionId"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
                    + "c".repeat(2100)
                    + "/c1"
                    + suffix
                    + "cfg",
                "clusterResourceName"),
            new Case(
                "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft."
                    + "k".repeat(2100)
                    + "/connectedClusters/c1"
                    + suffix
                    + "cfg",
                "clusterRp"));
    for (Case c : cases) {
      ArmClient.Response response = client.put(v(c.path()), Bodies.git());
      JsonNode error = Arm.assertError(response, 400, "InvalidPathParameter");
      assertThat(error.path("target").asText()).as("%s", response).isEqualTo(c.target());
      assertThat(Arm.detailTargets(response)).containsExactly(c.target());
      ArmClient.Response get = client.get(v(c.path()));
      if (c.target().equals("fluxConfigurationName")) {
        Arm.assertError(get, 404, "ResourceNotFound");
      } else {
        Arm.assertError(get, 400, "InvalidPathParameter");
      }
    }
    // a resource group name of 90 allowed characters is fine
    String ok =
        "/subscriptions/s1/resourceGroups/" + "r-._()".repeat(15) + cluster + suffix + "cfg";
    assertThat(client.put(v(ok), Bodies.git()).status()).isEqualTo(201);
  }
}
