package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.KubeObjects.nameRef;
import static io.fluxrp.agent.fluxobjects.KubeObjects.seconds;
import static io.fluxrp.agent.fluxobjects.Sources.putIfPresent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.LayerSelectorDefinition;
import io.fluxrp.model.fluxconfig.MatchOidcIdentityDefinition;
import io.fluxrp.model.fluxconfig.OciRepositoryDefinition;
import io.fluxrp.model.fluxconfig.OciRepositoryRefDefinition;
import io.fluxrp.model.fluxconfig.TlsConfigDefinition;
import io.fluxrp.model.fluxconfig.VerifyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ociRepository} → OCIRepository, with its mTLS and signature-verification Secrets
 * (flux-mapping §3.5). Registry credentials come only through {@code localAuthRef} (a
 * dockerconfigjson Secret), so there is no managed auth Secret.
 */
final class OciSource {
  static final String KIND = "OCIRepository";
  private static final String DEFAULT_VERIFY_PROVIDER = "cosign";

  private OciSource() {}

  static BuiltSource build(ConfigurationSpec spec, KubeObjects objects, String apiVersion) {
    OciRepositoryDefinition oci =
        Sources.require(spec.properties().ociRepository(), "ociRepository", spec);
    Optional<GenericKubernetesResource> tls = tlsSecret(spec, objects, oci.tlsConfig());
    Optional<GenericKubernetesResource> verifyKeys = verifySecret(spec, objects, oci.verify());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("url", SourceUrls.oci(Sources.require(oci.url(), "ociRepository.url", spec)));
    ref(oci.repositoryRef()).ifPresent(ref -> s.put("ref", ref));
    layerSelector(oci.layerSelector()).ifPresent(selector -> s.put("layerSelector", selector));
    if (oci.verify() != null) {
      s.put("verify", verify(oci.verify(), verifyKeys));
    }
    s.put("interval", seconds(oci.syncIntervalInSeconds()));
    s.put("timeout", seconds(oci.timeoutInSeconds()));
    putIfPresent(s, "insecure", oci.insecure());
    if (Boolean.TRUE.equals(oci.useWorkloadIdentity())) {
      s.put("provider", "azure");
    }
    putIfPresent(s, "serviceAccountName", oci.serviceAccountName());
    tls.ifPresent(secret -> s.put("certSecretRef", nameRef(secret.getMetadata().getName())));
    Sources.secretRef(oci.localAuthRef(), Optional.empty())
        .ifPresent(ref -> s.put("secretRef", ref));
    s.put("suspend", spec.suspended());
    GenericKubernetesResource source =
        KubeObjects.withSpec(objects.owned(apiVersion, KIND, FluxNames.source(spec.name())), s);
    List<GenericKubernetesResource> secrets = new ArrayList<>();
    tls.ifPresent(secrets::add);
    verifyKeys.ifPresent(secrets::add);
    return new BuiltSource(source, KIND, secrets, null);
  }

  private static Optional<Map<String, Object>> ref(OciRepositoryRefDefinition ref) {
    if (ref == null) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "tag", ref.tag());
    putIfPresent(out, "semver", ref.semver());
    putIfPresent(out, "digest", ref.digest());
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static Optional<Map<String, Object>> layerSelector(LayerSelectorDefinition selector) {
    if (selector == null) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "mediaType", selector.mediaType());
    if (selector.operation() != null) {
      out.put("operation", selector.operation().wire());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  private static Map<String, Object> verify(
      VerifyDefinition verify, Optional<GenericKubernetesResource> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "provider",
        verify.provider() == null
            ? DEFAULT_VERIFY_PROVIDER
            : verify.provider().toLowerCase(Locale.ROOT));
    keys.ifPresent(secret -> out.put("secretRef", nameRef(secret.getMetadata().getName())));
    if (verify.matchOidcIdentity() != null && !verify.matchOidcIdentity().isEmpty()) {
      List<Map<String, Object>> matchers = new ArrayList<>();
      for (MatchOidcIdentityDefinition identity : verify.matchOidcIdentity()) {
        Map<String, Object> matcher = new LinkedHashMap<>();
        putIfPresent(matcher, "issuer", identity.issuer());
        putIfPresent(matcher, "subject", identity.subject());
        matchers.add(matcher);
      }
      out.put("matchOIDCIdentity", matchers);
    }
    return out;
  }

  /** {@code certSecretRef}: the client certificate and key, and the registry's CA. */
  private static Optional<GenericKubernetesResource> tlsSecret(
      ConfigurationSpec spec, KubeObjects objects, TlsConfigDefinition tls) {
    if (tls == null) {
      return Optional.empty();
    }
    SecretData data =
        new SecretData()
            .decoded(
                "tls.crt", tls.clientCertificate(), "ociRepository.tlsConfig.clientCertificate")
            .decoded("tls.key", tls.privateKey(), "ociRepository.tlsConfig.privateKey")
            .decoded("ca.crt", tls.caCertificate(), "ociRepository.tlsConfig.caCertificate");
    return data.isEmpty()
        ? Optional.empty()
        : Optional.of(objects.secret(FluxNames.tlsSecret(spec.name()), data, Map.of()));
  }

  /** {@code verify.secretRef}: one Secret key per {@code verificationConfig} entry (a file). */
  private static Optional<GenericKubernetesResource> verifySecret(
      ConfigurationSpec spec, KubeObjects objects, VerifyDefinition verify) {
    if (verify == null || verify.verificationConfig() == null) {
      return Optional.empty();
    }
    SecretData data = new SecretData();
    verify
        .verificationConfig()
        .forEach(
            (file, content) ->
                data.decoded(file, content, "ociRepository.verify.verificationConfig." + file));
    return data.isEmpty()
        ? Optional.empty()
        : Optional.of(objects.secret(FluxNames.verifySecret(spec.name()), data, Map.of()));
  }
}
