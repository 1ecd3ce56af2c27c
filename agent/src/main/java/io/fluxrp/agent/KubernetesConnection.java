package io.fluxrp.agent;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The agent's Kubernetes API client, on the JDK's HTTP client. */
public final class KubernetesConnection {

  private KubernetesConnection() {}

  /**
   * A client configured from {@link AgentSettings#kubeconfig()} when given, else the way kubectl
   * finds its configuration: {@code KUBECONFIG}, {@code ~/.kube/config}, then the in-cluster
   * service account. {@link AgentSettings#kubeContext()} chooses a context of the kubeconfig (its
   * current context without). Nothing is sent to the API server yet.
   *
   * @throws IllegalArgumentException when the kubeconfig file cannot be read, or has no context of
   *     that name
   */
  public static KubernetesClient open(AgentSettings settings) {
    return new KubernetesClientBuilder()
        .withConfig(config(settings.kubeconfig(), settings.kubeContext()))
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  static Config config(Path kubeconfig, String context) {
    Config config;
    if (kubeconfig == null) {
      config = Config.autoConfigure(context);
    } else {
      if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException("kubeconfig " + kubeconfig + " is not a readable file");
      }
      try {
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "kubeconfig " + kubeconfig + " is not usable: " + e.getMessage(), e);
      }
    }
    if (context != null) {
      requireContext(config, context);
    }
    return config;
  }

  /** fabric8 falls back to the current context when the one asked for is missing: refuse that. */
  private static void requireContext(Config config, String context) {
    List<NamedContext> contexts = config.getContexts() == null ? List.of() : config.getContexts();
    if (contexts.stream().anyMatch(c -> context.equals(c.getName()))) {
      return;
    }
    if (config.getFile() == null) {
      throw new IllegalArgumentException(
          "no kubeconfig to take context '"
              + context
              + "' from: none given, none found through KUBECONFIG or ~/.kube/config");
    }
    throw new IllegalArgumentException(
        "kubeconfig "
            + config.getFile()
            + " has no context '"
            + context
            + "' (it has: "
            + contexts.stream()
                .map(NamedContext::getName)
                .sorted()
                .collect(Collectors.joining(", "))
            + ")");
  }
}
