package io.fluxrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which API server and namespace a kubeconfig leads to; no cluster is contacted. */
class KubernetesConnectionTest {

  private static final String TWO_CONTEXTS =
      """
      apiVersion: v1
      kind: Config
      current-context: blue
      clusters:
      - name: blue-cluster
        cluster:
          server: https://blue.example:6443
      - name: green-cluster
        cluster:
          server: https://green.example:7443
      contexts:
      - name: blue
        context:
          cluster: blue-cluster
          user: agent
          namespace: blue-ns
      - name: green
        context:
          cluster: green-cluster
          user: agent
          namespace: green-ns
      users:
      - name: agent
        user:
          token: not-a-real-token
      """;

  @TempDir Path tmp;
  private Path kubeconfig;

  @BeforeEach
  void writeKubeconfig() throws Exception {
    kubeconfig = tmp.resolve("kubeconfig.yaml");
    Files.writeString(kubeconfig, TWO_CONTEXTS);
  }

  @Test
  void theKubeconfigsCurrentContextByDefault() {
    try (KubernetesClient client = KubernetesConnection.open(settings(kubeconfig, null))) {
      assertThat(client.getMasterUrl()).hasToString("https://blue.example:6443/");
      assertThat(client.getNamespace()).isEqualTo("blue-ns");
    }
  }

  @Test
  void theContextAskedFor() {
    try (KubernetesClient client = KubernetesConnection.open(settings(kubeconfig, "green"))) {
      assertThat(client.getMasterUrl()).hasToString("https://green.example:7443/");
      assertThat(client.getNamespace()).isEqualTo("green-ns");
    }
  }

  @Test
  void theJdkHttpClient() {
    try (KubernetesClient client = KubernetesConnection.open(settings(kubeconfig, null))) {
      assertThat(client.getHttpClient()).isInstanceOf(JdkHttpClientImpl.class);
    }
  }

  @Test
  void aMissingContextIsRefusedInsteadOfFallingBackToTheCurrentOne() {
    assertThatThrownBy(() -> KubernetesConnection.open(settings(kubeconfig, "red")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no context 'red'")
        .hasMessageContaining("blue, green");
  }

  @Test
  void aMissingOrBrokenKubeconfigIsRefused() throws Exception {
    Path missing = tmp.resolve("missing.yaml");
    assertThatThrownBy(() -> KubernetesConnection.open(settings(missing, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubeconfig " + missing + " is not a readable file");

    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, "clusters: [unclosed");
    assertThatThrownBy(() -> KubernetesConnection.open(settings(broken, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("kubeconfig " + broken + " is not usable");
  }

  @Test
  void withoutKubeconfigTheOneKubectlWouldUse() {
    // fabric8 reads the system property before the KUBECONFIG variable
    Config blue = withKubeconfigProperty(() -> KubernetesConnection.config(null, null));
    Config green = withKubeconfigProperty(() -> KubernetesConnection.config(null, "green"));

    assertThat(blue.getMasterUrl()).isEqualTo("https://blue.example:6443/");
    assertThat(green.getMasterUrl()).isEqualTo("https://green.example:7443/");
    assertThat(green.getNamespace()).isEqualTo("green-ns");
    assertThatThrownBy(() -> withKubeconfigProperty(() -> KubernetesConnection.config(null, "red")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(kubeconfig + " has no context 'red'");
  }

  private <T> T withKubeconfigProperty(Supplier<T> action) {
    String before = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    try {
      return action.get();
    } finally {
      if (before == null) {
        System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
      } else {
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
      }
    }
  }

  private static AgentSettings settings(Path kubeconfig, String context) {
    AgentSettings defaults =
        AgentSettings.defaults(
            URI.create("http://localhost:8080"),
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Kubernetes/connectedClusters/c",
            Path.of("token"));
    return new AgentSettings(
        defaults.server(),
        defaults.clusterId(),
        defaults.tokenFile(),
        null,
        kubeconfig,
        context,
        defaults.stateNamespace(),
        defaults.workers(),
        defaults.resyncInterval(),
        defaults.heartbeatInterval(),
        defaults.reportDebounce(),
        defaults.deleteStepTimeout(),
        defaults.healthPort());
  }
}
