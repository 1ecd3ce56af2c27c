package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceStatus;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The CustomResourceDefinitions a cluster with Flux has, read from the repository's test data. */
final class Crds {

  static final String FLUX_VERSION = "v1";
  static final String LEGACY_VERSION = "v1beta2";
  private static final Path FLUX_CRDS = Path.of("testdata", "flux-crds");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Crds() {}

  /** GitRepository, Bucket, OCIRepository and Kustomization as Flux 2.7 ships them. */
  static List<CustomResourceDefinition> flux() {
    try (Stream<Path> files = Files.list(fluxCrdDirectory())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Crds::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * HelmRelease ({@code helm.toolkit.fluxcd.io/v2}), HelmRepository and HelmChart ({@code
   * source.toolkit.fluxcd.io/v1}) without schemas: only objects a Kustomization applies.
   */
  static List<CustomResourceDefinition> helm() {
    return List.of(
        schemaless("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"),
        schemaless("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories"),
        schemaless("source.toolkit.fluxcd.io", "v1", "HelmChart", "helmcharts"));
  }

  /** The CRD as a Flux release before v1 existed for it served it: only v1beta2. */
  static CustomResourceDefinition legacyOnly(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionVersion> legacy =
        crd.getSpec().getVersions().stream()
            .filter(version -> version.getName().equals(LEGACY_VERSION))
            .map(
                version ->
                    new CustomResourceDefinitionVersionBuilder(version)
                        .withServed(true)
                        .withStorage(true)
                        .withDeprecated(null)
                        .withDeprecationWarning(null)
                        .build())
            .toList();
    if (legacy.isEmpty()) {
      throw new IllegalArgumentException(crd.getMetadata().getName() + " has no " + LEGACY_VERSION);
    }
    return new CustomResourceDefinitionBuilder(crd)
        .editSpec()
        .withVersions(legacy)
        .endSpec()
        .build();
  }

  /** One mock context per served version (the stock mock registers only the storage version). */
  static List<CustomResourceDefinitionContext> servedVersions(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionContext> contexts = new ArrayList<>();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      if (Boolean.TRUE.equals(version.getServed())) {
        contexts.add(
            new CustomResourceDefinitionContext.Builder()
                .withName(crd.getMetadata().getName())
                .withGroup(crd.getSpec().getGroup())
                .withVersion(version.getName())
                .withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withScope(crd.getSpec().getScope())
                .withStatusSubresource(
                    version.getSubresources() != null
                        && version.getSubresources().getStatus() != null)
                .build());
      }
    }
    return contexts;
  }

  /** {@code testdata/flux-crds} of the repository, found from the working directory upwards. */
  static Path fluxCrdDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(FLUX_CRDS))) {
        return dir.resolve(FLUX_CRDS);
      }
    }
    throw new IllegalStateException("no " + FLUX_CRDS + " above " + Path.of("").toAbsolutePath());
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CustomResourceDefinition schemaless(
      String group, String version, String kind, String plural) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withListKind(kind + "List")
        .withPlural(plural)
        .withSingular(kind.toLowerCase())
        .endNames()
        .addNewVersion()
        .withName(version)
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .withNewSubresources()
        .withStatus(new CustomResourceSubresourceStatus())
        .endSubresources()
        .endVersion()
        .endSpec()
        .build();
  }
}
