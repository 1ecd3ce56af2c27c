package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.sshName;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code known_hosts} text users hand to a Git source. The check returns what is wrong
 * or nothing when the text is usable.
 */
final class KnownHosts {
  private static final Set<String> MARKERS = Set.of("@cert-authority", "@revoked");
  private static final Pattern HASHED_HOST = Pattern.compile("^\\|1\\|([^|]+)\\|([^|]+)$");
  private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
  private static final int MAX_REPORTED_LINES = 5;

  private KnownHosts() {}

  /**
   * Problems of a decoded known_hosts file: it must be UTF-8 text and every line that is neither
   * empty nor a comment must be {@code [marker] hosts keytype base64-key [comment]}, with a key
   * blob that decodes and names the same key type.
   */
  static Optional<String> problem(byte[] decoded) {
    Optional<String> text = utf8(decoded);
    if (text.isEmpty()) {
      return Optional.of("decodes to binary data, not known_hosts text");
    }
    List<String> lineProblems = new ArrayList<>();
    int entries = 0;
    String[] lines = text.get().split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Optional<String> problem = lineProblem(line);
      if (problem.isPresent()) {
        lineProblems.add("line " + (i + 1) + " " + problem.get());
      } else {
        entries++;
      }
    }
    if (!lineProblems.isEmpty()) {
      return Optional.of(describeLineProblems(lineProblems));
    }
    if (entries == 0) {
      return Optional.of("contains no host key entries");
    }
    return Optional.empty();
  }

  private static Optional<String> utf8(byte[] decoded) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String describeLineProblems(List<String> lineProblems) {
    int shown = Math.min(lineProblems.size(), MAX_REPORTED_LINES);
    String more =
        lineProblems.size() > shown
            ? " (and " + (lineProblems.size() - shown) + " more lines)"
            : "";
    return "has lines that are not known_hosts entries ('[@cert-authority|@revoked] hosts key-type"
        + " base64-key'): "
        + String.join("; ", lineProblems.subList(0, shown))
        + more;
  }

  private static Optional<String> lineProblem(String line) {
    String[] tokens = WHITESPACE.split(line);
    boolean marked = tokens[0].startsWith("@");
    if (marked && !MARKERS.contains(tokens[0])) {
      return Optional.of(
          "starts with an unknown marker; only @cert-authority and @revoked are allowed");
    }
    int at = marked ? 1 : 0;
    if (tokens.length < at + 3) {
      return Optional.of("has fewer than three fields (hosts, key type, key)");
    }
    return hostsProblem(tokens[at]).or(() -> keyProblem(tokens[at + 1], tokens[at + 2]));
  }

  private static Optional<String> keyProblem(String keyType, String base64Key) {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64Key);
    } catch (IllegalArgumentException e) {
      return Optional.of("has a key that is not valid base64");
    }
    String blobType;
    try {
      blobType = new SshReader(blob).string();
    } catch (IllegalArgumentException e) {
      return Optional.of("has a key that is not an SSH public key blob");
    }
    if (!blobType.equals(keyType)) {
      return Optional.of(
          "has key type '"
              + sshName(keyType)
              + "' but the key is of type '"
              + sshName(blobType)
              + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> hostsProblem(String hosts) {
    if (hosts.startsWith("|")) {
      return hashedHostProblem(hosts);
    }
    for (String pattern : hosts.split(",", -1)) {
      if (pattern.isEmpty() || pattern.equals("!")) {
        return Optional.of("has an empty host pattern");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> hashedHostProblem(String hosts) {
    Matcher m = HASHED_HOST.matcher(hosts);
    if (!m.matches()) {
      return Optional.of("has a hashed host that is not of the form |1|salt|hash");
    }
    try {
      byte[] salt = Base64.getDecoder().decode(m.group(1));
      byte[] hash = Base64.getDecoder().decode(m.group(2));
      if (salt.length != 20 || hash.length != 20) {
        return Optional.of("has a hashed host whose salt or hash is not 20 bytes (HMAC-SHA1)");
      }
    } catch (IllegalArgumentException e) {
      return Optional.of("has a hashed host whose salt or hash is not valid base64");
    }
    return Optional.empty();
  }
}
