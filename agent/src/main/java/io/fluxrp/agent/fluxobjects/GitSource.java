package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.KubeObjects.seconds;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.FluxConfigurationValidator;
import io.fluxrp.model.fluxconfig.GitRepositoryDefinition;
import io.fluxrp.model.fluxconfig.ProviderType;
import io.fluxrp.model.fluxconfig.RepositoryRefDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code gitRepository} → GitRepository and its auth Secret (flux-mapping §3.2, §4, §5). */
final class GitSource {
  static final String KIND = "GitRepository";

  private final ConfigurationSpec spec;
  private final KubeObjects objects;
  private final GitRepositoryDefinition git;
  private final String url;

  GitSource(ConfigurationSpec spec, KubeObjects objects) {
    this.spec = spec;
    this.objects = objects;
    this.git = Sources.require(spec.properties().gitRepository(), "gitRepository", spec);
    this.url = SourceUrls.git(Sources.require(git.url(), "gitRepository.url", spec));
  }

  /** Whether the source authenticates with an SSH key the caller must supply. */
  boolean needsIdentity() {
    return SourceUrls.isSsh(url)
        && git.localAuthRef() == null
        && !spec.protectedSettings().containsKey(FluxConfigurationValidator.SSH_PRIVATE_KEY);
  }

  BuiltSource build(String apiVersion, Optional<SshIdentity> identity) {
    boolean managed = git.localAuthRef() == null;
    Optional<SshKey> key =
        managed && SourceUrls.isSsh(url) ? Optional.of(key(identity)) : Optional.empty();
    Optional<GenericKubernetesResource> secret =
        managed
            ? authSecret(key.map(this::sshData).orElseGet(this::httpsData), key)
            : Optional.empty();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("url", url);
    ref(git.repositoryRef()).ifPresent(ref -> s.put("ref", ref));
    s.put("interval", seconds(git.syncIntervalInSeconds()));
    s.put("timeout", seconds(git.timeoutInSeconds()));
    provider(git.provider()).ifPresent(provider -> s.put("provider", provider));
    Sources.secretRef(git.localAuthRef(), secret).ifPresent(ref -> s.put("secretRef", ref));
    s.put("suspend", spec.suspended());
    GenericKubernetesResource source =
        KubeObjects.withSpec(objects.owned(apiVersion, KIND, FluxNames.source(spec.name())), s);
    return new BuiltSource(
        source, KIND, secret.stream().toList(), key.map(SshKey::publicKey).orElse(null));
  }

  /** The SSH key in use; {@code publicKey} is null when it cannot be derived. */
  private record SshKey(String privateKeyPem, String publicKey, boolean generated) {
    @Override
    public String toString() {
      return "SshKey[publicKey=" + publicKey + ", generated=" + generated + "]";
    }
  }

  /** The user's {@code sshPrivateKey}, else the identity the caller gave. */
  private SshKey key(Optional<SshIdentity> identity) {
    String supplied = spec.protectedSettings().get(FluxConfigurationValidator.SSH_PRIVATE_KEY);
    if (supplied != null) {
      String pem =
          SecretData.decodeText(
              supplied,
              "configurationProtectedSettings." + FluxConfigurationValidator.SSH_PRIVATE_KEY);
      return new SshKey(pem, SshKeys.publicKeyOf(pem).orElse(null), false);
    }
    SshIdentity given =
        identity.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "The SSH Git source of configuration '"
                        + spec.name()
                        + "' has no sshPrivateKey: pass the identity to use (the one in its"
                        + " auth Secret, or a generated one)."));
    return new SshKey(given.privateKeyPem(), given.publicKey(), true);
  }

  private SecretData sshData(SshKey key) {
    String userKnownHosts =
        git.sshKnownHosts() == null
            ? null
            : SecretData.decodeText(git.sshKnownHosts(), "gitRepository.sshKnownHosts");
    return new SecretData()
        .text("identity", key.privateKeyPem())
        .text("identity.pub", key.publicKey())
        .text("known_hosts", DefaultKnownHosts.mergedWith(userKnownHosts));
  }

  private SecretData httpsData() {
    return new SecretData()
        .text("username", git.httpsUser())
        .decoded(
            "password",
            spec.protectedSettings().get(FluxConfigurationValidator.HTTPS_KEY),
            "configurationProtectedSettings." + FluxConfigurationValidator.HTTPS_KEY)
        .decoded("ca.crt", git.httpsCACert(), "gitRepository.httpsCACert");
  }

  private Optional<GenericKubernetesResource> authSecret(SecretData data, Optional<SshKey> key) {
    if (data.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> annotations =
        key.filter(SshKey::generated).isPresent()
            ? Map.of(ManagedLabels.GENERATED_IDENTITY, "true")
            : Map.of();
    return Optional.of(objects.secret(FluxNames.authSecret(spec.name()), data, annotations));
  }

  private static Optional<Map<String, Object>> ref(RepositoryRefDefinition ref) {
    if (ref == null) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Sources.putIfPresent(out, "branch", ref.branch());
    Sources.putIfPresent(out, "tag", ref.tag());
    Sources.putIfPresent(out, "semver", ref.semver());
    Sources.putIfPresent(out, "commit", ref.commit());
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** Flux's {@code provider}; the generic one is Flux's default and is left out. */
  private static Optional<String> provider(ProviderType provider) {
    if (provider == null) {
      return Optional.empty();
    }
    return switch (provider) {
      case AZURE -> Optional.of("azure");
      case GITHUB -> Optional.of("github");
      case GENERIC -> Optional.empty();
    };
  }
}
