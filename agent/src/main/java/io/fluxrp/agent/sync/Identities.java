package io.fluxrp.agent.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.fluxobjects.ConfigurationSpec;
import io.fluxrp.agent.fluxobjects.FluxNames;
import io.fluxrp.agent.fluxobjects.FluxObjectFactory;
import io.fluxrp.agent.fluxobjects.ManagedLabels;
import io.fluxrp.agent.fluxobjects.SshIdentity;
import io.fluxrp.agent.fluxobjects.SshKeys;
import io.fluxrp.agent.kube.KubeKind;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSH key of a configuration whose Git URL is SSH and that brings no key of its own: generated
 * once in the cluster and kept in the configuration's auth Secret for its whole life (the private
 * half never leaves the cluster). A generated key is remembered until the informers' copy of the
 * Secret holds it: the cache trails the writes, and a pass before it catches up must not mint
 * another key.
 */
final class Identities {
  private final FluxCaches caches;
  private final Map<String, SshIdentity> uncached = new ConcurrentHashMap<>();

  Identities(FluxCaches caches) {
    this.caches = caches;
  }

  Optional<SshIdentity> forConfiguration(ConfigurationSpec spec) {
    String config = spec.name();
    FluxConfigurationProperties properties = spec.properties();
    if (!FluxObjectFactory.needsIdentity(spec)) {
      return Optional.empty();
    }
    Optional<SshIdentity> stored = stored(config, properties.namespace());
    if (stored.isPresent()) {
      uncached.remove(config);
      return stored;
    }
    return Optional.of(uncached.computeIfAbsent(config, c -> SshKeys.generate()));
  }

  void forget(String config) {
    uncached.remove(config);
  }

  private Optional<SshIdentity> stored(String config, String namespace) {
    System.err.println(
        "DEBUG stored "
            + config
            + " "
            + namespace
            + " -> "
            + caches
                .get(KubeKind.SECRET, namespace, FluxNames.authSecret(config))
                .map(
                    s ->
                        s.getMetadata().getAnnotations()
                            + " "
                            + ((java.util.Map<?, ?>) s.getAdditionalProperties().get("data"))
                                .keySet()));
    return caches
        .get(KubeKind.SECRET, namespace, FluxNames.authSecret(config))
        .filter(Identities::generated)
        .flatMap(Identities::identityOf);
  }

  private static boolean generated(GenericKubernetesResource secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(ManagedLabels.GENERATED_IDENTITY));
  }

  private static Optional<SshIdentity> identityOf(GenericKubernetesResource secret) {
    if (!(secret.getAdditionalProperties().get("data") instanceof Map<?, ?> data)
        || !(data.get("identity") instanceof String encoded)) {
      return Optional.empty();
    }
    String pem = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    return SshKeys.publicKeyOf(pem).map(publicKey -> new SshIdentity(pem, publicKey));
  }
}
