package io.fluxrp.agent.testing;

import static io.fluxrp.agent.testing.Conditions.FALSE;
import static io.fluxrp.agent.testing.Conditions.READY;
import static io.fluxrp.agent.testing.Conditions.TRUE;
import static io.fluxrp.agent.testing.Conditions.UNKNOWN;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.agent.testing.Behaviour.Outcome;
import io.fluxrp.agent.testing.Conditions.Condition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The status source-controller writes for a GitRepository, Bucket or OCIRepository. */
final class SourceStatus {

  private static final String STORAGE = "http://source-controller.flux-system.svc.cluster.local./";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  private SourceStatus() {}

  /**
   * The status after one reconciliation with {@code outcome}. The artifact is made up from the spec
   * and {@code serial} (the number of new revisions published so far); a failing source keeps the
   * artifact it had, as Flux does.
   */
  static Map<String, Object> compute(
      GenericKubernetesResource source, Outcome outcome, int serial, String now) {
    Map<String, Object> previous = Conditions.status(source);
    Map<String, Object> status = new LinkedHashMap<>();
    long generation = source.getMetadata().getGeneration();
    status.put("observedGeneration", generation);
    Object artifact = previous.get("artifact");
    List<Condition> conditions;
    if (outcome == Outcome.READY) {
      String revision = revision(source, serial);
      artifact = artifact(source, revision, previous, now);
      String stored = storedMessage(source, revision);
      conditions =
          List.of(
              new Condition(READY, TRUE, "Succeeded", stored),
              new Condition("ArtifactInStorage", TRUE, "Succeeded", stored));
    } else {
      conditions = failureConditions(source, outcome, serial, artifact);
    }
    if (artifact != null) {
      status.put("artifact", artifact);
    }
    status.put("conditions", Conditions.render(conditions, generation, previous, now));
    return status;
  }

  /** The RFC-0005 revision: {@code <branch|tag>@sha1:<commit>}, {@code <tag>@sha256:<digest>}... */
  static String revision(GenericKubernetesResource source, int serial) {
    String seed =
        String.join(
            "/",
            source.getKind(),
            namespacedName(source),
            spec(source, "url"),
            spec(source, "endpoint"),
            spec(source, "bucketName"),
            spec(source, "ref"),
            String.valueOf(serial));
    return switch (source.getKind()) {
      case "GitRepository" -> gitRevision(source, seed);
      case "OCIRepository" -> ociRevision(source, seed);
      default -> "sha256:" + hex("SHA-256", seed);
    };
  }

  private static String gitRevision(GenericKubernetesResource source, String seed) {
    String commit = source.get("spec", "ref", "commit");
    String pointer =
        Stream.of(
                source.<String>get("spec", "ref", "name"),
                source.<String>get("spec", "ref", "tag"),
                semverTag(source.get("spec", "ref", "semver")),
                source.<String>get("spec", "ref", "branch"))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(commit == null ? "master" : null);
    String sha = commit != null ? commit : hex("SHA-1", seed);
    return (pointer == null ? "" : pointer + "@") + "sha1:" + sha;
  }

  private static String ociRevision(GenericKubernetesResource source, String seed) {
    String digest = source.get("spec", "ref", "digest");
    if (digest != null) {
      return digest;
    }
    String semver = semverTag(source.get("spec", "ref", "semver"));
    String tag = source.get("spec", "ref", "tag");
    return (semver != null ? semver : tag != null ? tag : "latest")
        + "@sha256:"
        + hex("SHA-256", seed);
  }

  /** The tag a semver range resolves to: its first version, as if that tag existed. */
  private static String semverTag(String range) {
    if (range == null) {
      return null;
    }
    Matcher version = VERSION.matcher(range);
    return version.find() ? version.group() : "1.0.0";
  }

  private static Map<String, Object> artifact(
      GenericKubernetesResource source, String revision, Map<String, Object> previous, String now) {
    String checksum = hex("SHA-256", revision);
    String path =
        source.getKind().toLowerCase() + "/" + namespacedName(source) + "/" + checksum + ".tar.gz";
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("digest", "sha256:" + checksum);
    artifact.put("lastUpdateTime", unchangedUpdateTime(previous, revision).orElse(now));
    artifact.put("path", path);
    artifact.put("revision", revision);
    artifact.put("size", 1024 + Integer.parseInt(checksum.substring(0, 4), 16));
    artifact.put("url", STORAGE + path);
    return artifact;
  }

  private static Optional<String> unchangedUpdateTime(
      Map<String, Object> previous, String revision) {
    return previous.get("artifact") instanceof Map<?, ?> artifact
            && revision.equals(artifact.get("revision"))
        ? Optional.of((String) artifact.get("lastUpdateTime"))
        : Optional.empty();
  }

  private static String storedMessage(GenericKubernetesResource source, String revision) {
    String what = source.getKind().equals("OCIRepository") ? "digest" : "revision";
    return "stored artifact for " + what + " '" + revision + "'";
  }

  private static List<Condition> failureConditions(
      GenericKubernetesResource source, Outcome outcome, int serial, Object keptArtifact) {
    return switch (outcome) {
      case AUTHENTICATION_FAILED -> {
        String message = authenticationFailure(source);
        Stream<Condition> failing =
            Stream.of(
                new Condition(READY, FALSE, "AuthenticationFailed", message),
                new Condition("FetchFailed", TRUE, "AuthenticationFailed", message),
                new Condition("Reconciling", TRUE, "ProgressingWithRetry", message));
        yield keptArtifact instanceof Map<?, ?> kept
            ? Stream.concat(
                    failing,
                    Stream.of(
                        new Condition(
                            "ArtifactInStorage",
                            TRUE,
                            "Succeeded",
                            storedMessage(source, (String) kept.get("revision")))))
                .toList()
            : failing.toList();
      }
      case STALLED -> {
        String reason =
            source.getKind().equals("Bucket") ? "InvalidProviderConfiguration" : "URLInvalid";
        String message = stalledMessage(source);
        yield List.of(
            new Condition("Stalled", TRUE, reason, message),
            new Condition(READY, FALSE, reason, message));
      }
      case PROGRESSING -> {
        String message =
            "building artifact: new upstream revision '" + revision(source, serial) + "'";
        yield List.of(
            new Condition("Reconciling", TRUE, "Progressing", message),
            new Condition(READY, UNKNOWN, "Progressing", message));
      }
      default ->
          List.of(
              new Condition(
                  READY,
                  FALSE,
                  "UnsupportedFakeBehaviour",
                  "FakeFlux: "
                      + outcome
                      + " applies to Kustomizations, not to "
                      + source.getKind()));
    };
  }

  private static String authenticationFailure(GenericKubernetesResource source) {
    return switch (source.getKind()) {
      case "GitRepository" -> {
        String url = source.get("spec", "url");
        yield "failed to checkout and determine revision: unable to clone '"
            + url
            + "': "
            + (url != null && url.startsWith("ssh://")
                ? "ssh: handshake failed: ssh: unable to authenticate, attempted methods [none"
                    + " publickey], no supported methods remain"
                : "authentication required: Invalid username or password.");
      }
      case "OCIRepository" -> {
        String url = source.get("spec", "url");
        yield "failed to determine artifact digest: GET https://"
            + (url == null ? "" : url.replaceFirst("^oci://", ""))
            + ": UNAUTHORIZED: authentication required";
      }
      default ->
          "failed to confirm existence of '"
              + source.get("spec", "bucketName")
              + "' bucket: The Access Key Id you provided does not exist in our records.";
    };
  }

  private static String stalledMessage(GenericKubernetesResource source) {
    return switch (source.getKind()) {
      case "Bucket" ->
          "invalid '"
              + Objects.requireNonNullElse(source.get("spec", "provider"), "generic")
              + "' provider configuration: endpoint '"
              + source.get("spec", "endpoint")
              + "' is not a valid host[:port]";
      default -> "failed to parse URL '" + source.get("spec", "url") + "': unsupported scheme";
    };
  }

  private static String namespacedName(GenericKubernetesResource object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static String spec(GenericKubernetesResource source, String field) {
    return String.valueOf((Object) source.get("spec", field));
  }

  private static String hex(String algorithm, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
