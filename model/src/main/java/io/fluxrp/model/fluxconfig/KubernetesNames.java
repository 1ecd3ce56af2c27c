package io.fluxrp.model.fluxconfig;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes object-name rules (DNS-1123), each check returning what is wrong in words a user can
 * act on, or nothing when the name is fine. The reasons are phrased to follow "The name 'x' ...".
 */
public final class KubernetesNames {
  /** DNS-1123 label: namespaces. */
  public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  /**
   * DNS-1123 subdomain: dot-separated labels (Secrets, ConfigMaps, ServiceAccounts, Flux objects).
   * Stricter than {@code ^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$}: {@code a..b} or {@code a-.b} are
   * rejected by the Kubernetes API server, so they are rejected here too.
   */
  public static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /** Longest DNS-1123 label (namespace names, label values). */
  public static final int MAX_LABEL = 63;

  /** Longest DNS-1123 subdomain (most object names). */
  public static final int MAX_SUBDOMAIN = 253;

  private KubernetesNames() {}

  /** Why {@code name} is not a DNS-1123 label of at most {@code maxLength} characters. */
  public static Optional<String> labelProblem(String name, int maxLength) {
    return problem(name, maxLength, false);
  }

  /** Why {@code name} is not a DNS-1123 subdomain of at most {@code maxLength} characters. */
  public static Optional<String> subdomainProblem(String name, int maxLength) {
    return problem(name, maxLength, true);
  }

  private static Optional<String> problem(String name, int maxLength, boolean dotsAllowed) {
    String allowed =
        dotsAllowed
            ? "lower-case letters (a-z), digits, '-' and '.'"
            : "lower-case letters (a-z), digits and '-'";
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty; it needs 1 to " + maxLength + " " + allowed);
    }
    if (name.length() > maxLength) {
      return Optional.of(
          "is " + name.length() + " characters long; at most " + maxLength + " are allowed");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return Optional.of("contains upper-case letters; only " + allowed + " are allowed");
      }
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (dotsAllowed && c == '.');
      if (!ok) {
        return Optional.of(
            "contains the character " + describe(c) + "; only " + allowed + " are allowed");
      }
    }
    if (!Character.isLetterOrDigit(name.charAt(0))) {
      return Optional.of(
          "must start with a lower-case letter or a digit, not '" + name.charAt(0) + "'");
    }
    if (!Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      return Optional.of(
          "must end with a lower-case letter or a digit, not '"
              + name.charAt(name.length() - 1)
              + "'");
    }
    if (dotsAllowed && !DNS_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "has a part between dots that is empty or starts or ends with '-' ('..', '.-' or '-.')");
    }
    return Optional.empty();
  }

  private static String describe(char c) {
    if (Character.isISOControl(c) || Character.isWhitespace(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
