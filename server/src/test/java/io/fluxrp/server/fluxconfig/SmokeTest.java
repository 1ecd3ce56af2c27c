package io.fluxrp.server.fluxconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.TestServer;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createThenSucceed() {
    try (TestServer test = TestServer.start()) {
      ArmClient c = test.client();
      ArmClient.Response put =
          c.put(
              ArmClient.v(ArmClient.config("srs-fluxconfig")),
              """
              {"properties": {"namespace": "srs-namespace", "gitRepository": {"url": "https://github.com/Azure/arc-k8s-demo", "repositoryRef": {"branch": "master"}, "httpsUser": "u"},
               "kustomizations": {"k1": {"path": "./x"}}, "configurationProtectedSettings": {"httpsKey": "c2VjcmV0"}}}
              """);
      System.out.println(put);
      assertThat(put.status()).isEqualTo(201);
      test.syncClusters();
      ArmClient.Response op = c.get(put.header("Azure-AsyncOperation").orElseThrow());
      System.out.println(op);
      ArmClient.Response get = c.get(ArmClient.v(ArmClient.config("srs-fluxconfig")));
      System.out.println(get);
      assertThat(get.json().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }
  }
}
