package io.fluxrp.server.clusters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Agent credentials: {@code fxa_} and 256 random bits in base64url. The server keeps only their
 * SHA-256: the credential is random, so a slow password hash would add nothing.
 */
public final class AgentCredentials {
  public static final String PREFIX = "fxa_";
  private static final int RANDOM_BYTES = 32;
  private static final int LENGTH = PREFIX.length() + 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AgentCredentials() {}

  public static String mint() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a bearer token is shaped like an agent credential (not whether it is valid). */
  public static boolean looksLikeCredential(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /** Whether the token has exactly the shape {@link #mint} produces. */
  public static boolean wellFormed(String token) {
    if (!looksLikeCredential(token) || token.length() != LENGTH) {
      return false;
    }
    for (int i = PREFIX.length(); i < token.length(); i++) {
      char c = token.charAt(i);
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  public static String hash(String credential) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(credential.getBytes(StandardCharsets.US_ASCII));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
