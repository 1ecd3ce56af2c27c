package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FluxObjectFactoryTest {
  @Test
  void aPublicHttpsGitConfigurationBecomesExactlyTheseObjects() {
    ConfigurationSpec spec =
        spec(
            "web",
            """
            {"scope": "namespace", "namespace": "team-a", "sourceKind": "GitRepository",
             "suspend": false,
             "gitRepository": {"url": "https://github.com/org/web", "timeoutInSeconds": 120,
               "syncIntervalInSeconds": 300, "repositoryRef": {"branch": "main"}},
             "kustomizations": {"apps": {"path": "./apps", "timeoutInSeconds": 600,
               "syncIntervalInSeconds": 600, "prune": true, "force": false, "wait": true}}}
            """);

    DesiredObjects desired = build(spec);

    assertThat(tree(desired.objects()))
        .isEqualTo(
            json(
                """
                [
                 {"apiVersion": "v1", "kind": "Namespace",
                  "metadata": {"name": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a"}}},
                 {"apiVersion": "v1", "kind": "ServiceAccount",
                  "metadata": {"name": "flux-applier", "namespace": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a"}}},
                 {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                  "metadata": {"name": "flux-applier", "namespace": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a",
                      "fluxrp.io/scope": "namespace"}},
                  "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                    "name": "admin"},
                  "subjects": [{"kind": "ServiceAccount", "name": "flux-applier",
                    "namespace": "team-a"}]},
                 {"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                  "metadata": {"name": "web", "namespace": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a",
                      "fluxrp.io/configuration": "web",
                      "fluxrp.io/operation-id": "5a1c7f0e-2b9d-4c1e-8f3a-9d6b2e4c7a10"},
                    "annotations": {"fluxrp.io/generation": "7"}},
                  "spec": {"url": "https://github.com/org/web", "ref": {"branch": "main"},
                    "interval": "300s", "timeout": "120s", "suspend": false}},
                 {"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
                  "metadata": {"name": "web-apps", "namespace": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a",
                      "fluxrp.io/configuration": "web",
                      "fluxrp.io/operation-id": "5a1c7f0e-2b9d-4c1e-8f3a-9d6b2e4c7a10"},
                    "annotations": {"fluxrp.io/generation": "7"}},
                  "spec": {"sourceRef": {"kind": "GitRepository", "name": "web",
                      "namespace": "team-a"},
                    "path": "./apps", "interval": "600s", "timeout": "600s", "prune": true,
                    "force": false, "wait": true, "suspend": false,
                    "serviceAccountName": "flux-applier"}}
                ]
                """));
    assertThat(desired.repositoryPublicKey()).isNull();
  }

  @Test
  void secretsAreWrittenAsBase64DataOfTheDecodedValues() {
    ConfigurationSpec spec =
        spec(
            "web",
            """
            {"namespace": "team-a",
             "gitRepository": {"url": "https://git.example.com/web", "httpsUser": "robot"},
             "configurationProtectedSettings": {"httpsKey": "%s"}}
            """
                .formatted(b64("s3cr3t-pat")));

    DesiredObjects desired = build(spec);

    assertThat(tree(desired.secrets()))
        .isEqualTo(
            json(
                """
                [{"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                  "metadata": {"name": "web-auth", "namespace": "team-a",
                    "labels": {"fluxrp.io/managed": "true", "fluxrp.io/namespace": "team-a",
                      "fluxrp.io/configuration": "web",
                      "fluxrp.io/operation-id": "5a1c7f0e-2b9d-4c1e-8f3a-9d6b2e4c7a10"},
                    "annotations": {"fluxrp.io/generation": "7"}},
                  "data": {"username": "%s", "password": "%s"}}]
                """
                    .formatted(b64("robot"), b64("s3cr3t-pat"))));
  }

  private static final String EVERYTHING =
      """
      {"scope": "cluster", "namespace": "ns9", "sourceKind": "OCIRepository",
       "ociRepository": {"url": "oci://ghcr.io/o/a",
         "tlsConfig": {"caCertificate": "%s"},
         "verify": {"provider": "cosign", "verificationConfig": {"k.pub": "%s"}}},
       "kustomizations": {"one": {}, "two": {"dependsOn": ["one"]}}}
      """
          .formatted(b64("CA"), b64("KEY"));

  @Test
  void sharedObjectsCarryOnlyManagedAndNamespaceLabels() {
    DesiredObjects desired = build(spec("cfg", EVERYTHING));

    for (String kind : List.of("Namespace", "ServiceAccount", "ClusterRoleBinding")) {
      GenericKubernetesResource object = desired.ofKind(kind).get(0);
      assertThat(object.getMetadata().getLabels())
          .as(kind)
          .containsEntry(ManagedLabels.MANAGED, "true")
          .containsEntry(ManagedLabels.NAMESPACE, "ns9")
          .doesNotContainKeys(ManagedLabels.CONFIGURATION, ManagedLabels.OPERATION_ID);
      assertThat(object.getMetadata().getAnnotations()).as(kind).isNullOrEmpty();
    }
  }

  @Test
  void everyObjectOfTheConfigurationCarriesItsLabelsAndGeneration() {
    DesiredObjects desired = build(spec("cfg", EVERYTHING));
    List<GenericKubernetesResource> owned =
        desired.objects().stream()
            .filter(
                o ->
                    !List.of("Namespace", "ServiceAccount", "ClusterRoleBinding")
                        .contains(o.getKind()))
            .toList();

    assertThat(owned)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "Secret/cfg-tls",
            "Secret/cfg-verify",
            "OCIRepository/cfg",
            "Kustomization/cfg-one",
            "Kustomization/cfg-two");
    assertThat(owned)
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getNamespace()).isEqualTo("ns9");
              assertThat(o.getMetadata().getLabels())
                  .containsExactly(
                      Map.entry(ManagedLabels.MANAGED, "true"),
                      Map.entry(ManagedLabels.NAMESPACE, "ns9"),
                      Map.entry(ManagedLabels.CONFIGURATION, "cfg"),
                      Map.entry(ManagedLabels.OPERATION_ID, Fixtures.OPERATION_ID));
              assertThat(o.getMetadata().getAnnotations())
                  .containsExactly(Map.entry(ManagedLabels.GENERATION, "7"));
            });
  }

  @Test
  void withoutOperationIdTheLabelIsLeftOut() {
    ConfigurationSpec spec =
        new ConfigurationSpec(
            "cfg",
            12,
            null,
            Fixtures.properties("{\"gitRepository\": {\"url\": \"https://github.com/o/r\"}}"));

    GenericKubernetesResource source = build(spec).source();

    assertThat(source.getMetadata().getLabels()).doesNotContainKey(ManagedLabels.OPERATION_ID);
    assertThat(source.getMetadata().getAnnotations())
        .containsExactly(Map.entry(ManagedLabels.GENERATION, "12"));
  }

  @Test
  void theSelectorsMatchTheLabels() {
    assertThat(ManagedLabels.selectorOf("cfg"))
        .isEqualTo("fluxrp.io/managed=true,fluxrp.io/configuration=cfg");
    assertThat(ManagedLabels.namespaceSelector("ns9"))
        .isEqualTo("fluxrp.io/managed=true,fluxrp.io/namespace=ns9");
    GenericKubernetesResource source = build(spec("cfg", EVERYTHING)).source();
    assertThat(source.getMetadata().getLabels())
        .containsAllEntriesOf(ManagedLabels.selectorLabelsOf("cfg"));
  }

  @Test
  void theHelpersFindObjectsByKindAndName() {
    DesiredObjects desired = build(spec("cfg", EVERYTHING));

    assertThat(desired.source().getKind()).isEqualTo("OCIRepository");
    assertThat(desired.secrets())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("cfg-tls", "cfg-verify");
    assertThat(desired.kustomizations()).hasSize(2);
    assertThat(desired.byKindAndName("Kustomization", "cfg-two")).isPresent();
    assertThat(desired.byKindAndName("Kustomization", "cfg-three")).isEmpty();
  }

  @Test
  void buildingIsRepeatable() {
    ConfigurationSpec spec = spec("cfg", EVERYTHING);

    assertThat(tree(build(spec).objects())).isEqualTo(tree(build(spec).objects()));
  }

  @Test
  void aMissingSourceBlockIsRefusedClearly() {
    ConfigurationSpec spec = spec("cfg", "{\"sourceKind\": \"Bucket\"}");

    assertThatThrownBy(() -> FluxObjectFactory.build(spec, FluxApis.V1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Configuration 'cfg' has sourceKind Bucket but no 'bucket'.");
  }

  @Test
  void noToStringShowsASecretValue() {
    String pem = TestKeys.pkcs8Pem(TestKeys.RSA);
    ConfigurationSpec spec =
        spec(
            "cfg",
            """
            {"gitRepository": {"url": "git@github.com:o/r.git"},
             "configurationProtectedSettings": {"sshPrivateKey": "%s"}}
            """
                .formatted(b64(pem)));
    SshIdentity identity = new SshIdentity(pem, TestKeys.sshRsaLine(TestKeys.RSA));
    DesiredObjects desired = build(spec);
    String secretData =
        Fixtures.tree(desired.secrets().get(0)).get("data").get("identity").asText();

    BuiltSource source = Sources.build(spec, FluxApis.V1, Optional.empty(), new KubeObjects(spec));

    for (Object o : List.of(spec, identity, desired, source)) {
      assertThat(o.toString())
          .doesNotContain("PRIVATE KEY")
          .doesNotContain(b64(pem).substring(0, 40))
          .doesNotContain(secretData.substring(0, 40));
    }
    assertThat(desired.toString()).contains("Secret/cfg-auth").contains("GitRepository/cfg");
  }
}
