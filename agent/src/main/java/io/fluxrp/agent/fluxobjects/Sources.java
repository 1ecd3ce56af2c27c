package io.fluxrp.agent.fluxobjects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Optional;

/** The source of a configuration, by its {@code sourceKind}, and what the source kinds share. */
final class Sources {
  private Sources() {}

  static BuiltSource build(
      ConfigurationSpec spec, FluxApis apis, Optional<SshIdentity> identity, KubeObjects objects) {
    return switch (spec.sourceKind()) {
      case GIT_REPOSITORY -> new GitSource(spec, objects).build(apis.gitRepository(), identity);
      case BUCKET -> BucketSource.build(spec, objects, apis.bucket());
      case AZURE_BLOB -> AzureBlobSource.build(spec, objects, apis.bucket());
      case OCI_REPOSITORY -> OciSource.build(spec, objects, apis.ociRepository());
    };
  }

  /**
   * The source's {@code secretRef}: the user's {@code localAuthRef} Secret, else the managed one
   * when there is one; none for a public source.
   */
  static Optional<Map<String, Object>> secretRef(
      String localAuthRef, Optional<GenericKubernetesResource> managedSecret) {
    if (localAuthRef != null) {
      return Optional.of(KubeObjects.nameRef(localAuthRef));
    }
    return managedSecret.map(secret -> KubeObjects.nameRef(secret.getMetadata().getName()));
  }

  /** A part of the configuration its {@code sourceKind} needs; missing only if not validated. */
  static <T> T require(T value, String property, ConfigurationSpec spec) {
    if (value == null) {
      throw new IllegalArgumentException(
          "Configuration '"
              + spec.name()
              + "' has sourceKind "
              + spec.sourceKind().wire()
              + " but no '"
              + property
              + "'.");
    }
    return value;
  }

  static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
