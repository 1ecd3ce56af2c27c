package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.KubeObjects.seconds;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.AzureBlobDefinition;
import io.fluxrp.model.fluxconfig.ServicePrincipalDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azureBlob} → Bucket with the azure provider (flux-mapping §3.4). The Secret keys are the
 * ones source-controller's Azure Blob client reads; without credentials Flux falls back to the
 * controller's own identity.
 */
final class AzureBlobSource {
  private AzureBlobSource() {}

  static BuiltSource build(ConfigurationSpec spec, KubeObjects objects, String apiVersion) {
    AzureBlobDefinition blob = Sources.require(spec.properties().azureBlob(), "azureBlob", spec);
    Optional<GenericKubernetesResource> secret = Optional.empty();
    if (blob.localAuthRef() == null) {
      SecretData data = credentials(blob);
      if (!data.isEmpty()) {
        secret = Optional.of(objects.secret(FluxNames.authSecret(spec.name()), data, Map.of()));
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("provider", "azure");
    s.put("bucketName", blob.containerName());
    s.put("endpoint", Sources.require(blob.url(), "azureBlob.url", spec));
    s.put("interval", seconds(blob.syncIntervalInSeconds()));
    s.put("timeout", seconds(blob.timeoutInSeconds()));
    Sources.secretRef(blob.localAuthRef(), secret).ifPresent(ref -> s.put("secretRef", ref));
    s.put("suspend", spec.suspended());
    GenericKubernetesResource source =
        KubeObjects.withSpec(
            objects.owned(apiVersion, BucketSource.KIND, FluxNames.source(spec.name())), s);
    return new BuiltSource(source, BucketSource.KIND, secret.stream().toList(), null);
  }

  private static SecretData credentials(AzureBlobDefinition blob) {
    SecretData data =
        new SecretData().text("accountKey", blob.accountKey()).text("sasKey", blob.sasToken());
    ServicePrincipalDefinition sp = blob.servicePrincipal();
    if (sp != null) {
      data.text("tenantId", sp.tenantId())
          .text("clientId", sp.clientId())
          .text("clientSecret", sp.clientSecret())
          .decoded(
              "clientCertificate",
              sp.clientCertificate(),
              "azureBlob.servicePrincipal.clientCertificate")
          .text("clientCertificatePassword", sp.clientCertificatePassword())
          .text(
              "clientCertificateSendChain",
              Boolean.TRUE.equals(sp.clientCertificateSendChain()) ? "true" : null);
    }
    if (blob.managedIdentity() != null) {
      // a clientId without tenantId is what Flux reads as a user-assigned managed identity
      data.text("clientId", blob.managedIdentity().clientId());
    }
    return data;
  }
}
