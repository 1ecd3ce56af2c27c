package io.fluxrp.server.secrets;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One AES-256 key-encryption key of the {@link KeyRing}.
 *
 * @param id names the key in every value it sealed ({@code [A-Za-z0-9._-]}, at most 64)
 * @param key the 32 key bytes (never printed: {@link #toString()} leaves them out)
 * @param createdAt when it was generated
 */
public record KeyEncryptionKey(String id, byte[] key, Instant createdAt) {
  public static final int KEY_BYTES = 32;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public KeyEncryptionKey {
    Objects.requireNonNull(createdAt, "createdAt");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a key id is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("key " + id + " is not " + KEY_BYTES + " bytes long");
    }
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyEncryptionKey k
        && k.id.equals(id)
        && java.security.MessageDigest.isEqual(k.key, key)
        && k.createdAt.equals(createdAt);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[id=" + id + ", createdAt=" + createdAt + "]";
  }
}
