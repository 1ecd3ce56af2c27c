package io.fluxrp.server.secrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The key-encryption keys, oldest first: new values are sealed with the newest ({@link
 * #current()}), every key in the ring still opens what it sealed.
 *
 * @param keys at least one, ids unique
 * @param source where the keys come from, for messages (a file path, or "memory")
 */
public record KeyRing(List<KeyEncryptionKey> keys, String source) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public KeyRing {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs at least one key");
    }
    if (keys.stream().map(KeyEncryptionKey::id).distinct().count() != keys.size()) {
      throw new IllegalArgumentException("the key ids are not unique");
    }
  }

  /** A ring of one fresh key that is not stored anywhere (tests, tools). */
  public static KeyRing generate(Clock clock) {
    return new KeyRing(List.of(newKey(clock)), "memory");
  }

  /** A fresh random key, its id made of the creation time and random digits. */
  public static KeyEncryptionKey newKey(Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    byte[] key = new byte[KeyEncryptionKey.KEY_BYTES];
    RANDOM.nextBytes(key);
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    String id = "kek-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    return new KeyEncryptionKey(id, key, now);
  }

  /** The key new values are sealed with: the last one. */
  public KeyEncryptionKey current() {
    return keys.get(keys.size() - 1);
  }

  public Optional<KeyEncryptionKey> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** This ring with {@code key} added as the newest. */
  public KeyRing with(KeyEncryptionKey key) {
    List<KeyEncryptionKey> more = new ArrayList<>(keys);
    more.add(key);
    return new KeyRing(more, source);
  }
}
