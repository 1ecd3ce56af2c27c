package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.KubeObjects.seconds;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.BucketDefinition;
import io.fluxrp.model.fluxconfig.FluxConfigurationValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code bucket} → Bucket with the generic (S3/MinIO) provider (flux-mapping §3.3). */
final class BucketSource {
  static final String KIND = "Bucket";

  private BucketSource() {}

  static BuiltSource build(ConfigurationSpec spec, KubeObjects objects, String apiVersion) {
    BucketDefinition bucket = Sources.require(spec.properties().bucket(), "bucket", spec);
    String url = Sources.require(bucket.url(), "bucket.url", spec);
    Optional<GenericKubernetesResource> secret = Optional.empty();
    if (bucket.localAuthRef() == null) {
      SecretData data =
          new SecretData()
              .text("accesskey", bucket.accessKey())
              .decoded(
                  "secretkey",
                  spec.protectedSettings().get(FluxConfigurationValidator.BUCKET_SECRET_KEY),
                  "configurationProtectedSettings." + FluxConfigurationValidator.BUCKET_SECRET_KEY);
      if (!data.isEmpty()) {
        secret = Optional.of(objects.secret(FluxNames.authSecret(spec.name()), data, Map.of()));
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("provider", "generic");
    s.put("bucketName", bucket.bucketName());
    s.put("endpoint", SourceUrls.bucketEndpoint(url));
    s.put("insecure", bucket.insecure() != null ? bucket.insecure() : SourceUrls.isPlainHttp(url));
    s.put("interval", seconds(bucket.syncIntervalInSeconds()));
    s.put("timeout", seconds(bucket.timeoutInSeconds()));
    Sources.secretRef(bucket.localAuthRef(), secret).ifPresent(ref -> s.put("secretRef", ref));
    s.put("suspend", spec.suspended());
    GenericKubernetesResource source =
        KubeObjects.withSpec(objects.owned(apiVersion, KIND, FluxNames.source(spec.name())), s);
    return new BuiltSource(source, KIND, secret.stream().toList(), null);
  }
}
