package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FluxApisTest {
  @Test
  void v1IsUsedWhereverItIsServed() {
    FluxApis apis =
        FluxApis.fromServedVersions(
            Map.of(
                "GitRepository", List.of("v1", "v1beta2"),
                "Bucket", List.of("v1beta2", "v1"),
                "OCIRepository", List.of("v1"),
                "Kustomization", List.of("v1")));

    assertThat(apis).isEqualTo(FluxApis.V1);
    assertThat(FluxApis.V1)
        .isEqualTo(
            new FluxApis(
                "source.toolkit.fluxcd.io/v1",
                "source.toolkit.fluxcd.io/v1",
                "source.toolkit.fluxcd.io/v1",
                "kustomize.toolkit.fluxcd.io/v1"));
  }

  @Test
  void bucketAndOciFallBackToV1beta2OnOlderFlux() {
    FluxApis apis =
        FluxApis.fromServedVersions(
            Map.of(
                "GitRepository", List.of("v1", "v1beta2"),
                "Bucket", List.of("v1beta2"),
                "OCIRepository", List.of("v1beta2"),
                "Kustomization", List.of("v1", "v1beta2")));

    assertThat(apis)
        .isEqualTo(
            new FluxApis(
                "source.toolkit.fluxcd.io/v1",
                "source.toolkit.fluxcd.io/v1beta2",
                "source.toolkit.fluxcd.io/v1beta2",
                "kustomize.toolkit.fluxcd.io/v1"));
  }

  @Test
  void gitRepositoryAndKustomizationDoNotFallBack() {
    assertThatThrownBy(
            () ->
                FluxApis.fromServedVersions(
                    Map.of(
                        "GitRepository", List.of("v1beta2"),
                        "Bucket", List.of("v1"),
                        "OCIRepository", List.of("v1"),
                        "Kustomization", List.of("v1beta2"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GitRepository (source.toolkit.fluxcd.io) needs v1, served: v1beta2")
        .hasMessageContaining(
            "Kustomization (kustomize.toolkit.fluxcd.io) needs v1, served: v1beta2");
  }

  @Test
  void nothingServedIsAClearError() {
    assertThatThrownBy(() -> FluxApis.fromServedVersions(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GitRepository (source.toolkit.fluxcd.io) needs v1, served: none")
        .hasMessageContaining("Bucket (source.toolkit.fluxcd.io) needs v1 or v1beta2, served: none")
        .hasMessageContaining("OCIRepository")
        .hasMessageContaining("Kustomization")
        .hasMessageContaining("Install or upgrade Flux");
  }

  @Test
  void aBucketOnlyServedInAnUnknownVersionIsRefused() {
    assertThatThrownBy(
            () ->
                FluxApis.fromServedVersions(
                    Map.of(
                        "GitRepository", List.of("v1"),
                        "Bucket", List.of("v1beta1"),
                        "OCIRepository", List.of("v1"),
                        "Kustomization", List.of("v1"))))
        .hasMessageContaining(
            "Bucket (source.toolkit.fluxcd.io) needs v1 or v1beta2, served: v1beta1");
  }

  @Test
  void theFallbackObjectsAreValidV1beta2Objects() {
    FluxApis older =
        new FluxApis(
            "source.toolkit.fluxcd.io/v1",
            "source.toolkit.fluxcd.io/v1beta2",
            "source.toolkit.fluxcd.io/v1beta2",
            "kustomize.toolkit.fluxcd.io/v1");
    DesiredObjects bucket =
        Fixtures.build(
            spec(
                "b",
                """
                {"sourceKind": "Bucket", "bucket": {"url": "http://minio:9000",
                 "bucketName": "x", "accessKey": "a"},
                 "configurationProtectedSettings": {"bucketSecretKey": "%s"}}
                """
                    .formatted(b64("s"))),
            Optional.empty(),
            older);
    DesiredObjects blob =
        Fixtures.build(
            spec(
                "z",
                """
                {"sourceKind": "AzureBlob", "azureBlob": {"url": "https://a.blob.core.windows.net",
                 "containerName": "c", "managedIdentity": {"clientId": "id"}}}
                """),
            Optional.empty(),
            older);
    DesiredObjects oci =
        Fixtures.build(
            spec(
                "o",
                """
                {"sourceKind": "OCIRepository", "ociRepository": {"url": "oci://r/a",
                 "useWorkloadIdentity": true, "layerSelector": {"operation": "extract"},
                 "verify": {"provider": "cosign",
                   "matchOidcIdentity": [{"issuer": "i", "subject": "s"}]}}}
                """),
            Optional.empty(),
            older);

    assertThat(bucket.source().getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1beta2");
    assertThat(blob.source().getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1beta2");
    assertThat(oci.source().getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1beta2");
  }
}
