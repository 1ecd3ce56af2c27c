package io.fluxrp.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.kube.KubeApi;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.agent.testing.Await;
import io.fluxrp.server.testing.ArmClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster whose Flux serves Bucket only as v1beta2 (Flux before 2.4) gets v1beta2 Buckets. */
class OlderFluxTest {
  @Test
  void bucketsAreWrittenAsV1beta2WhenTheClusterServesNoV1() {
    try (AgentHarness harness =
        AgentHarness.start("older-flux", kube -> kube.serveOnlyV1beta2("Bucket"))) {
      String body =
          """
          {"properties": {"namespace": "old", "sourceKind": "Bucket",
            "bucket": {"url": "https://minio.example.com:9000", "bucketName": "manifests",
                       "accessKey": "reader"},
            "configurationProtectedSettings": {"bucketSecretKey": "c2VjcmV0"},
            "kustomizations": {"k": {"path": "./k"}}}}
          """;
      ArmClient.Response put = harness.put("bkt", body);

      assertThat(harness.awaitOperation(put).path("status").asText()).isEqualTo("Succeeded");
      KubeApi kube = new KubeApi(harness.kube.client());
      GenericKubernetesResource bucket =
          Await.value(
              "the v1beta2 Bucket",
              () -> kube.get(KubeKind.BUCKET, "v1beta2", "old", "bkt").orElse(null),
              b -> b != null);
      assertThat(bucket.getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1beta2");
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) bucket.getAdditionalProperties().get("spec");
      assertThat(spec)
          .containsEntry("endpoint", "minio.example.com:9000")
          .containsEntry("bucketName", "manifests")
          .containsEntry("secretRef", Map.of("name", "bkt-auth"));
      Await.value(
          "the configuration is Compliant",
          () -> harness.get("bkt"),
          got -> got.at("/properties/complianceState").asText().equals("Compliant"));
    }
  }
}
