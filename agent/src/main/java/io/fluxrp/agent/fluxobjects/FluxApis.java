package io.fluxrp.agent.fluxobjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The apiVersions the agent writes, chosen from the versions the cluster's Flux CRDs serve. {@code
 * v1} everywhere; Bucket and OCIRepository fall back to {@code v1beta2} on clusters whose Flux
 * predates their {@code v1} (Flux 2.4 and 2.6), per flux-mapping §1.
 */
public record FluxApis(
    String gitRepository, String bucket, String ociRepository, String kustomization) {
  public static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
  public static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";

  public static final FluxApis V1 =
      new FluxApis(
          SOURCE_GROUP + "/v1",
          SOURCE_GROUP + "/v1",
          SOURCE_GROUP + "/v1",
          KUSTOMIZE_GROUP + "/v1");

  private static final String V1_VERSION = "v1";
  private static final String V1BETA2_VERSION = "v1beta2";

  public FluxApis {
    Objects.requireNonNull(gitRepository, "gitRepository");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(ociRepository, "ociRepository");
    Objects.requireNonNull(kustomization, "kustomization");
  }

  /**
   * The apiVersions for a cluster whose CRDs serve {@code servedVersionsByKind} (kind to served
   * versions, e.g. {@code "Bucket" -> ["v1beta2"]}). Throws {@link IllegalStateException} naming
   * every kind the agent needs but the cluster does not serve in a usable version.
   */
  public static FluxApis fromServedVersions(Map<String, List<String>> servedVersionsByKind) {
    List<String> problems = new ArrayList<>();
    String git = pick(servedVersionsByKind, "GitRepository", SOURCE_GROUP, false, problems);
    String bucket = pick(servedVersionsByKind, "Bucket", SOURCE_GROUP, true, problems);
    String oci = pick(servedVersionsByKind, "OCIRepository", SOURCE_GROUP, true, problems);
    String kustomization =
        pick(servedVersionsByKind, "Kustomization", KUSTOMIZE_GROUP, false, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The cluster does not serve the Flux APIs the agent needs: "
              + String.join("; ", problems)
              + ". Install or upgrade Flux (2.0 or later; 2.6 or later serves v1 of every kind).");
    }
    return new FluxApis(git, bucket, oci, kustomization);
  }

  private static String pick(
      Map<String, List<String>> served,
      String kind,
      String group,
      boolean v1beta2Allowed,
      List<String> problems) {
    List<String> versions = served.getOrDefault(kind, List.of());
    if (versions.contains(V1_VERSION)) {
      return group + "/" + V1_VERSION;
    }
    if (v1beta2Allowed && versions.contains(V1BETA2_VERSION)) {
      return group + "/" + V1BETA2_VERSION;
    }
    String needed = v1beta2Allowed ? "v1 or v1beta2" : "v1";
    String has = versions.isEmpty() ? "none (CRD missing)" : String.join(", ", versions);
    problems.add(kind + " (" + group + ") needs " + needed + ", served: " + has);
    return null;
  }
}
