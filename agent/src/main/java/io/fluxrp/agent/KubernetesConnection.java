package io.fluxrp.agent;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
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
    return open(settings, Clock.systemUTC());
  }

  /** As {@link #open(AgentSettings)}; {@code clock} times the re-reads of a token-less one. */
  public static KubernetesClient open(AgentSettings settings, Clock clock) {
    return new KubernetesClientBuilder()
        .withConfig(config(settings.kubeconfig(), settings.kubeContext(), clock))
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  static Config config(Path kubeconfig, String context) {
    return config(kubeconfig, context, Clock.systemUTC());
  }

  /**
   * The configuration; when it yields no bearer token, a {@link RereadingTokenProvider} loads it
   * again for one at most once a minute instead of fabric8 before every request. One with a token
   * (a service account's included) is left to fabric8, which reads it again once a minute.
   */
  static Config config(Path kubeconfig, String context, Clock clock) {
    Supplier<Config> load =
        kubeconfig == null
            ? () -> Config.autoConfigure(context)
            : () -> fromFile(kubeconfig, context);
    Config config = load.get();
    if (context != null) {
      requireContext(config, context);
    }
    if (RereadingTokenProvider.hasNoToken(config)) {
      config.setOauthTokenProvider(new RereadingTokenProvider(load, clock));
    }
    return config;
  }

  private static Config fromFile(Path kubeconfig, String context) {
    if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
      throw new IllegalArgumentException("kubeconfig " + kubeconfig + " is not a readable file");
    }
    try {
      return Config.fromKubeconfig(context, kubeconfig.toFile());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "kubeconfig " + kubeconfig + " is not usable: " + e.getMessage(), e);
    }
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
