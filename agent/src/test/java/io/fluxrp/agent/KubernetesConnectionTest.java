package io.fluxrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.fluxrp.server.testing.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

  @Test
  void aTokenlessKubeconfigIsReadAgainOncePerMinuteNotBeforeEveryRequest() throws Exception {
    Path tokenless = tmp.resolve("tokenless.yaml");
    Files.writeString(
        tokenless, TWO_CONTEXTS.replace("user:\n    token: not-a-real-token", "user: {}"));
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    Config config = KubernetesConnection.config(tokenless, null, clock);
    // fabric8's interceptor as the client uses it, its last refresh long ago: it refreshes now
    TokenRefreshInterceptor interceptor = new TokenRefreshInterceptor(config, null, Instant.EPOCH);
    assertThat(authorization(interceptor)).isNull();

    Files.writeString(tokenless, TWO_CONTEXTS.replace("not-a-real-token", "added-later"));
    clock.advance(RereadingTokenProvider.INTERVAL.minusSeconds(1));
    assertThat(authorization(interceptor)).isNull();
    assertThat(authorization(interceptor)).isNull();

    clock.advance(Duration.ofSeconds(1));
    assertThat(authorization(interceptor)).isEqualTo("Bearer added-later");
  }

  @Test
  void aRotatedServiceAccountTokenIsStillPickedUp() throws Exception {
    Path token = tmp.resolve("token");
    Files.writeString(token, "first");
    Map<String, String> inCluster =
        Map.of(
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY,
            "false",
            Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY,
            token.toString());
    Config config =
        withProperties(inCluster, () -> KubernetesConnection.config(null, null, Clock.systemUTC()));
    assertThat(config.getAutoOAuthToken()).isEqualTo("first");
    assertThat(config.getOauthTokenProvider()).isNull();

    Files.writeString(token, "rotated");
    String header =
        withProperties(
            inCluster,
            () -> authorization(new TokenRefreshInterceptor(config, null, Instant.EPOCH)));
    assertThat(header).isEqualTo("Bearer rotated");
  }

  private static final Interceptor.RequestTags NO_TAGS =
      new Interceptor.RequestTags() {
        @Override
        public <T> T getTag(Class<T> type) {
          return null;
        }
      };

  private static String authorization(TokenRefreshInterceptor interceptor) {
    HttpClient.Builder clients = new JdkHttpClientFactory().newBuilder();
    try (HttpClient client = clients.build()) {
      HttpRequest.Builder request = client.newHttpRequestBuilder().uri("http://localhost/api");
      interceptor.before(request, request.build(), NO_TAGS);
      return request.build().header("Authorization");
    }
  }

  private static <T> T withProperties(Map<String, String> properties, Supplier<T> action) {
    Map<String, String> before = new HashMap<>();
    properties.forEach((key, value) -> before.put(key, System.setProperty(key, value)));
    try {
      return action.get();
    } finally {
      before.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
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
