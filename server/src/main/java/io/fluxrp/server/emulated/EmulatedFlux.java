package io.fluxrp.server.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.agentapi.ConfigurationReport;
import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import io.fluxrp.model.schema.Canonical;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a healthy Flux would report for a desired state, for clusters that have no Flux: the source
 * Ready with a revision derived from its URL and reference, each kustomization Ready, the whole
 * configuration Compliant (Suspended when suspended), objects gone on delete. Every message says it
 * comes from an emulated cluster. Pure: same entry and time, same report.
 */
public final class EmulatedFlux {
  static final String NOTE = "(emulated cluster: no Flux controllers ran)";

  private EmulatedFlux() {}

  public static ConfigurationReport report(DesiredEntry entry, Instant now) {
    if (entry.deleted()) {
      return new ConfigurationReport(
          entry.name(),
          entry.generation(),
          ConfigurationReport.Outcome.DELETED,
          null,
          List.of(),
          ComplianceState.UNKNOWN,
          null,
          null,
          null);
    }
    ObjectNode properties = entry.properties();
    boolean suspended = properties.path("suspend").asBoolean(false);
    String namespace = properties.path("namespace").asText("default");
    String revision = revision(properties);
    List<ObjectStatusDefinition> statuses = new ArrayList<>();
    statuses.add(
        status(
            entry.name(),
            namespace,
            sourceObjectKind(Canonical.sourceKind(properties)),
            suspended,
            "Succeeded",
            "stored artifact for revision '" + revision + "' " + NOTE,
            now));
    for (String key : Canonical.kustomizationNames(properties)) {
      statuses.add(
          status(
              entry.name() + "-" + key,
              namespace,
              "Kustomization",
              suspended,
              "ReconciliationSucceeded",
              "Applied revision: " + revision + " " + NOTE,
              now));
    }
    return new ConfigurationReport(
        entry.name(),
        entry.generation(),
        ConfigurationReport.Outcome.APPLIED,
        null,
        statuses,
        suspended ? ComplianceState.SUSPENDED : ComplianceState.COMPLIANT,
        revision,
        now,
        null);
  }

  private static ObjectStatusDefinition status(
      String name,
      String namespace,
      String kind,
      boolean suspended,
      String reason,
      String message,
      Instant now) {
    ObjectStatusConditionDefinition ready =
        suspended
            ? new ObjectStatusConditionDefinition(
                now.toString(),
                "Reconciliation is suspended " + NOTE,
                "Suspended",
                "Unknown",
                "Ready")
            : new ObjectStatusConditionDefinition(now.toString(), message, reason, "True", "Ready");
    return new ObjectStatusDefinition(
        name,
        namespace,
        kind,
        suspended ? ComplianceState.SUSPENDED : ComplianceState.COMPLIANT,
        null,
        List.of(ready),
        null);
  }

  /** Flux has no AzureBlob kind: Azure Blob sources are Flux Buckets. */
  private static String sourceObjectKind(String sourceKind) {
    return sourceKind.equals("AzureBlob") ? "Bucket" : sourceKind;
  }

  /**
   * A revision in Flux's format ({@code <ref>@sha1:<hash>} for Git, {@code sha256:<digest>} for
   * buckets, {@code <tag>@sha256:<digest>} for OCI), stable for the same source and reference.
   */
  static String revision(ObjectNode properties) {
    String kind = Canonical.sourceKind(properties);
    JsonNode source = properties.path(Canonical.blockOf(kind));
    String url = source.path("url").asText("");
    JsonNode ref = source.path("repositoryRef");
    return switch (kind) {
      case "GitRepository" -> gitRevision(url, ref);
      case "OCIRepository" -> ociRevision(url, ref);
      default ->
          "sha256:"
              + hash(
                  "SHA-256",
                  url
                      + "/"
                      + source.path("bucketName").asText(source.path("containerName").asText()));
    };
  }

  private static String gitRevision(String url, JsonNode ref) {
    String commit = ref.path("commit").asText(null);
    String pointer =
        firstText(ref, "tag", "semver", "branch") == null
            ? "master"
            : firstText(ref, "tag", "semver", "branch");
    if (commit != null) {
      return ref.has("branch") ? ref.path("branch").asText() + "@sha1:" + commit : "sha1:" + commit;
    }
    return pointer + "@sha1:" + hash("SHA-1", url + "#" + pointer);
  }

  private static String ociRevision(String url, JsonNode ref) {
    String digest = ref.path("digest").asText(null);
    if (digest != null) {
      return digest;
    }
    String tag =
        firstText(ref, "tag", "semver") == null ? "latest" : firstText(ref, "tag", "semver");
    return tag + "@sha256:" + hash("SHA-256", url + ":" + tag);
  }

  private static String firstText(JsonNode node, String... names) {
    for (String name : names) {
      if (node.hasNonNull(name)) {
        return node.get(name).asText();
      }
    }
    return null;
  }

  private static String hash(String algorithm, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
