package io.fluxrp.server.secrets;

import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.store.SecretsCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the write-only values of a configuration with AES-256-GCM under the newest key of the
 * {@link KeyRing}: {@code v1:<keyId>:<base64(nonce | ciphertext | tag)>}, a random 96-bit nonce per
 * value, the version, key id and row ({@code cluster_key}, {@code name_key}) bound in as additional
 * data, so a value copied to another row or relabelled with another key does not open. A JSON
 * object ({@code {...}}) is a value stored before encryption existed and is read as it is.
 *
 * <p>A value sealed with a key this instance does not know (another instance rotated) reloads the
 * ring once. Thread-safe.
 */
public final class SecretCipher implements SecretsCodec {
  static final String VERSION = "v1";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<KeyRing> reload;
  private volatile KeyRing ring;

  /** A cipher over {@code ring}; {@code reload} reads the ring again (e.g. from its file). */
  public SecretCipher(KeyRing ring, Supplier<KeyRing> reload) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.reload = Objects.requireNonNull(reload, "reload");
  }

  /** A cipher over a fixed ring. */
  public SecretCipher(KeyRing ring) {
    this(ring, () -> ring);
  }

  /** The ring in use. */
  public KeyRing ring() {
    return ring;
  }

  /** Uses {@code newer} from now on (after a rotation added a key to it). */
  public void use(KeyRing newer) {
    ring = Objects.requireNonNull(newer, "newer");
  }

  @Override
  public String seal(ConfigKey row, String json) {
    KeyEncryptionKey key = ring.current();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(aad(key.id(), row));
      sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getName(), e);
    }
    ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return VERSION + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out.array());
  }

  @Override
  public String open(ConfigKey row, String stored) {
    if (stored.startsWith("{")) {
      return stored; // stored before encryption existed; sealed on its next write or rotation
    }
    String[] parts = stored.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new SecretsException(
          "the secrets of " + describe(row) + " are stored in an unknown format", null);
    }
    KeyEncryptionKey key = key(parts[1], row);
    byte[] data;
    try {
      data = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw altered(row, key, null);
    }
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw altered(row, key, null);
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, NONCE_BYTES));
      cipher.updateAAD(aad(key.id(), row));
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw altered(row, key, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getName(), e);
    }
  }

  @Override
  public boolean isCurrent(String stored) {
    return stored.startsWith(VERSION + ":" + ring.current().id() + ":");
  }

  /** The key id a stored value was sealed with; empty for a value stored before encryption. */
  public static Optional<String> keyIdOf(String stored) {
    String[] parts = stored.split(":", 3);
    return parts.length == 3 && parts[0].equals(VERSION) ? Optional.of(parts[1]) : Optional.empty();
  }

  private KeyEncryptionKey key(String id, ConfigKey row) {
    Optional<KeyEncryptionKey> key = ring.find(id);
    if (key.isEmpty()) {
      synchronized (this) {
        key = ring.find(id);
        if (key.isEmpty()) {
          KeyRing reloaded = reload.get();
          if (reloaded.find(ring.current().id()).isPresent()) {
            ring = reloaded; // never drop to an older ring than the one in use
          }
          key = reloaded.find(id);
        }
      }
    }
    return key.orElseThrow(
        () ->
            new SecretsException(
                "the secrets of "
                    + describe(row)
                    + " were encrypted with key '"
                    + id
                    + "', which is not in "
                    + ring.source(),
                null));
  }

  private static Cipher cipher(int mode, KeyEncryptionKey key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, new SecretKeySpec(key.key(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  /** Version, key id and row, NUL-separated (none of them can hold a NUL). */
  private static byte[] aad(String keyId, ConfigKey row) {
    String data =
        "fluxrp-secrets\0"
            + VERSION
            + "\0"
            + keyId
            + "\0"
            + row.clusterKey()
            + "\0"
            + row.nameKey();
    return data.getBytes(StandardCharsets.UTF_8);
  }

  private static SecretsException altered(ConfigKey row, KeyEncryptionKey key, Throwable cause) {
    return new SecretsException(
        "cannot decrypt the secrets of "
            + describe(row)
            + " with key '"
            + key.id()
            + "': the stored value was altered or belongs to another configuration",
        cause);
  }

  private static String describe(ConfigKey row) {
    return "configuration '" + row.nameKey() + "' of cluster " + row.clusterKey();
  }
}
