package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.fluxobjects.ManagedLabels;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.agent.testing.Behaviour;
import io.fluxrp.agent.testing.Child;
import io.fluxrp.server.testing.ArmClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent against the test Kubernetes API with fake Flux, driven through the ARM API: updates,
 * suspend/resume, generated SSH keys, deletion with prune and shared RBAC. Each test has its own
 * namespace and configuration names.
 */
class AgentFlowTest {
  private static AgentHarness harness;

  @BeforeAll
  static void start() {
    harness = AgentHarness.start("flows");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String git(String namespace, String kustomizations, String extra) {
    return """
        {"properties": {"namespace": "%s", %s
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "repositoryRef": {"branch": "main"}},
          "kustomizations": %s}}
        """
        .formatted(namespace, extra, kustomizations);
  }

  private static JsonNode succeeded(ArmClient.Response write) {
    JsonNode operation = harness.awaitOperation(write);
    assertThat(operation.path("status").asText()).as("%s", operation).isEqualTo("Succeeded");
    return operation;
  }

  private static JsonNode awaitCompliance(String name, String state) {
    return Await.value(
        name + " is " + state,
        () -> harness.get(name),
        got -> got.at("/properties/complianceState").asText().equals(state));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }

  @Test
  void anUpdateChangesAPathAndRemovesAKustomization() {
    succeeded(
        harness.put(
            "upd", git("upd", "{\"a\": {\"path\": \"./a\"}, \"b\": {\"path\": \"./b\"}}", "")));
    harness.awaitObject(KubeKind.KUSTOMIZATION, "upd", "upd-b");

    succeeded(harness.put("upd", git("upd", "{\"a\": {\"path\": \"./a2\"}}", "")));

    harness.awaitGone(KubeKind.KUSTOMIZATION, "upd", "upd-b");
    GenericKubernetesResource a = harness.awaitObject(KubeKind.KUSTOMIZATION, "upd", "upd-a");
    assertThat(spec(a)).containsEntry("path", "./a2");
    JsonNode got = awaitCompliance("upd", "Compliant");
    assertThat(got.at("/properties/statuses").findValuesAsText("name"))
        .containsExactly("upd", "upd-a");
  }

  @Test
  void suspendSuspendsSourceAndKustomizationsAndResumeResumes() {
    String kustomizations = "{\"k\": {\"path\": \"./k\"}}";
    succeeded(harness.put("sus", git("sus", kustomizations, "")));
    awaitCompliance("sus", "Compliant");

    succeeded(harness.put("sus", git("sus", kustomizations, "\"suspend\": true,")));
    assertThat(spec(harness.awaitObject(KubeKind.GIT_REPOSITORY, "sus", "sus")))
        .containsEntry("suspend", true);
    assertThat(spec(harness.awaitObject(KubeKind.KUSTOMIZATION, "sus", "sus-k")))
        .containsEntry("suspend", true);
    awaitCompliance("sus", "Suspended");

    succeeded(harness.put("sus", git("sus", kustomizations, "\"suspend\": false,")));
    assertThat(spec(harness.awaitObject(KubeKind.KUSTOMIZATION, "sus", "sus-k")))
        .containsEntry("suspend", false);
    awaitCompliance("sus", "Compliant");
  }

  @Test
  void anSshUrlWithoutAKeyGetsAGeneratedKeyThatStaysAndIsNamedOnAuthFailure() {
    String body =
        """
        {"properties": {"namespace": "ssh",
          "gitRepository": {"url": "git@github.com:fluxrp/private.git", "repositoryRef": {"branch": "main"}},
          "kustomizations": {"k": {"path": "%s"}}}}
        """;
    succeeded(harness.put("ssh", body.formatted("./one")));
    GenericKubernetesResource secret = harness.awaitObject(KubeKind.SECRET, "ssh", "ssh-auth");
    Map<?, ?> data = (Map<?, ?>) secret.getAdditionalProperties().get("data");
    assertThat(data.keySet())
        .map(String::valueOf)
        .contains("identity", "identity.pub", "known_hosts");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry(ManagedLabels.GENERATED_IDENTITY, "true");
    String publicKey = decode(data.get("identity.pub")).strip();
    assertThat(publicKey).startsWith("ssh-rsa ");
    assertThat(spec(harness.awaitObject(KubeKind.GIT_REPOSITORY, "ssh", "ssh")))
        .containsEntry("url", "ssh://git@github.com/fluxrp/private.git");
    JsonNode got =
        Await.value(
            "the public key is reported",
            () -> harness.get("ssh"),
            g -> !g.at("/properties/repositoryPublicKey").asText().isEmpty());
    assertThat(got.at("/properties/repositoryPublicKey").asText()).isEqualTo(publicKey);

    succeeded(harness.put("ssh", body.formatted("./two")));
    Map<?, ?> after =
        (Map<?, ?>)
            harness
                .awaitObject(KubeKind.SECRET, "ssh", "ssh-auth")
                .getAdditionalProperties()
                .get("data");
    assertThat(after.get("identity"))
        .as("the key lives as long as the configuration")
        .isEqualTo(data.get("identity"));

    harness.flux.behave("GitRepository", "ssh", "ssh", Behaviour.authenticationFailed());
    JsonNode failing = awaitCompliance("ssh", "Non-Compliant");
    assertThat(failing.at("/properties/statuses/0/statusConditions").toString())
        .contains("AuthenticationFailed")
        .contains("add this public key as a deploy key")
        .contains(publicKey);
  }

  @Test
  void deleteRemovesKustomizationsFirstThenSourceSecretsAndRbacAndPrunesChildren() {
    harness.flux.behave(
        "Kustomization",
        "del",
        "del-apps",
        Behaviour.ready().withChildren(Child.helmRelease("del", "podinfo", "podinfo", "6.5.0")));
    String body =
        """
        {"properties": {"namespace": "del", "scope": "namespace",
          "gitRepository": {"url": "https://github.com/fluxrp/demo", "httpsUser": "git",
                            "repositoryRef": {"branch": "main"}},
          "configurationProtectedSettings": {"httpsKey": "%s"},
          "kustomizations": {"apps": {"path": "./apps", "prune": true}}}}
        """
            .formatted(
                Base64.getEncoder().encodeToString("token".getBytes(StandardCharsets.UTF_8)));
    succeeded(harness.put("del", body));
    JsonNode got = awaitCompliance("del", "Compliant");
    assertThat(got.at("/properties/statuses").findValuesAsText("kind"))
        .containsExactly(
            "GitRepository", "Kustomization", "HelmRepository", "HelmRelease", "HelmChart");
    harness.awaitObject(KubeKind.ROLE_BINDING, "del", "flux-applier");
    harness.awaitObject(KubeKind.SERVICE_ACCOUNT, "del", "flux-applier");

    ArmClient.Response delete = harness.arm.delete(ArmClient.v(harness.configId("del")));
    assertThat(delete.status()).as("%s", delete).isEqualTo(202);
    succeeded(delete);

    assertThat(harness.object(KubeKind.KUSTOMIZATION, "del", "del-apps")).isEmpty();
    assertThat(harness.object(KubeKind.HELM_RELEASE, "del", "podinfo"))
        .as("pruned by Flux")
        .isEmpty();
    assertThat(harness.object(KubeKind.GIT_REPOSITORY, "del", "del")).isEmpty();
    assertThat(harness.object(KubeKind.SECRET, "del", "del-auth")).isEmpty();
    assertThat(harness.object(KubeKind.ROLE_BINDING, "del", "flux-applier")).isEmpty();
    assertThat(harness.object(KubeKind.SERVICE_ACCOUNT, "del", "flux-applier")).isEmpty();
    assertThat(harness.arm.get(ArmClient.v(harness.configId("del"))).status()).isEqualTo(404);
    assertThat(kustomizationDeletedBeforeSource("del", "del-apps", "del")).isTrue();
  }

  @Test
  void sharedRbacStaysUntilTheLastConfigurationOfTheNamespaceIsGone() {
    succeeded(harness.put("rb1", git("rbac", "{\"k\": {}}", "")));
    succeeded(harness.put("rb2", git("rbac", "{\"k\": {}}", "")));
    harness.awaitObject(KubeKind.CLUSTER_ROLE_BINDING, null, "rbac-flux-applier");
    assertThat(
            harness.kube.requests().stream()
                .filter(
                    r ->
                        r.isApply()
                            && r.path().contains("/namespaces/rbac/serviceaccounts/flux-applier")))
        .as("the shared service account is written once, not once per configuration")
        .hasSize(1);

    succeeded(harness.arm.delete(ArmClient.v(harness.configId("rb1"))));
    assertThat(harness.object(KubeKind.SERVICE_ACCOUNT, "rbac", "flux-applier")).isPresent();
    assertThat(harness.object(KubeKind.CLUSTER_ROLE_BINDING, null, "rbac-flux-applier"))
        .isPresent();

    succeeded(harness.arm.delete(ArmClient.v(harness.configId("rb2"))));
    assertThat(harness.object(KubeKind.SERVICE_ACCOUNT, "rbac", "flux-applier")).isEmpty();
    assertThat(harness.object(KubeKind.CLUSTER_ROLE_BINDING, null, "rbac-flux-applier")).isEmpty();
    assertThat(harness.object(KubeKind.NAMESPACE, null, "rbac"))
        .as("namespaces are never deleted")
        .isPresent();
  }

  @Test
  void driftIsRepairedAnEditedSourceAndADeletedKustomizationComeBack() {
    succeeded(harness.put("drift", git("drift", "{\"k\": {\"path\": \"./k\"}}", "")));
    GenericKubernetesResource source =
        harness.awaitObject(KubeKind.GIT_REPOSITORY, "drift", "drift");

    spec(source).put("url", "https://github.com/someone/else");
    harness.kube.client().resource(source).update();
    harness
        .kube
        .client()
        .genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
        .inNamespace("drift")
        .withName("drift-k")
        .delete();

    Await.until(
        "the source's URL is restored",
        () ->
            harness
                .object(KubeKind.GIT_REPOSITORY, "drift", "drift")
                .map(s -> "https://github.com/fluxrp/demo".equals(spec(s).get("url")))
                .orElse(false));
    harness.awaitObject(KubeKind.KUSTOMIZATION, "drift", "drift-k");
  }

  /** In the API server's request log, the Kustomization's DELETE comes before the source's. */
  private static boolean kustomizationDeletedBeforeSource(
      String ns, String kustomization, String source) {
    List<String> deletes =
        harness.kube.requests().stream()
            .filter(r -> r.method().equals("DELETE"))
            .map(r -> r.path())
            .toList();
    int k = indexOf(deletes, "/namespaces/" + ns + "/kustomizations/" + kustomization);
    int s = indexOf(deletes, "/namespaces/" + ns + "/gitrepositories/" + source);
    return k >= 0 && s > k;
  }

  private static int indexOf(List<String> paths, String suffix) {
    for (int i = 0; i < paths.size(); i++) {
      if (paths.get(i).contains(suffix)) {
        return i;
      }
    }
    return -1;
  }

  private static String decode(Object base64) {
    return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
  }
}
