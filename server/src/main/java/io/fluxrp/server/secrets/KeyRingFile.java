package io.fluxrp.server.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KeyRing} in its key file (JSON, see {@link KeyFile}), which only its owner may read:
 * created with mode 0600 when missing, refused when group or others have any access to it or it
 * does not hold valid keys. No message ever quotes the file's content.
 */
public final class KeyRingFile {
  private static final Logger log = LoggerFactory.getLogger(KeyRingFile.class);

  private KeyRingFile() {}

  /**
   * The keys in {@code file}; a new file with one fresh key (mode 0600, written atomically, its
   * directory created 0700) when there is none.
   *
   * @throws IllegalStateException when the file is accessible by others or malformed
   * @throws UncheckedIOException when it cannot be created or read
   */
  public static KeyRing loadOrCreate(Path file, Clock clock) {
    Path path = file.toAbsolutePath().normalize();
    try {
      PrivateFiles.createDirectory(path.getParent());
      if (!Files.exists(path)) {
        KeyRing fresh = new KeyRing(List.of(KeyRing.newKey(clock)), path.toString());
        if (PrivateFiles.createIfAbsent(path, toJson(fresh))) {
          log.info("created the key file of secrets at rest {}", path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the secret key file " + path + ": " + describe(e, path), e);
    }
    return load(path);
  }

  /** The keys in {@code file}, which must exist. */
  public static KeyRing load(Path file) {
    Path path = file.toAbsolutePath().normalize();
    try {
      Optional<String> loose = PrivateFiles.looseMode(path);
      if (loose.isPresent()) {
        throw new IllegalStateException(
            path
                + " is accessible by group or others (mode "
                + loose.get()
                + "); the secret key file must be readable by its owner only: chmod 600 "
                + path);
      }
      return parse(Files.readAllBytes(path), path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the secret key file " + path + ": " + describe(e, path), e);
    }
  }

  /**
   * Adds a fresh key to {@code file} as the newest and replaces the file atomically. The file is
   * read again first, under an exclusive lock on {@code .<name>.lock} next to it, so that two
   * rotations at once (also from two processes) both keep their keys.
   *
   * @return the ring now in the file
   */
  public static KeyRing addKey(Path file, Clock clock) {
    Path path = file.toAbsolutePath().normalize();
    Path lockFile = path.resolveSibling("." + path.getFileName() + ".lock");
    synchronized (KeyRingFile.class) { // a FileLock is per JVM: threads wait here
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        KeyRing more = load(path).with(KeyRing.newKey(clock));
        PrivateFiles.replace(path, toJson(more));
        log.info("added key {} to the secret key file {}", more.current().id(), path);
        return more;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write the secret key file " + path + ": " + describe(e, path), e);
      }
    }
  }

  static byte[] toJson(KeyRing ring) {
    List<KeyFile.Entry> entries = new ArrayList<>();
    for (KeyEncryptionKey k : ring.keys()) {
      entries.add(
          new KeyFile.Entry(k.id(), Base64.getEncoder().encodeToString(k.key()), k.createdAt()));
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(new KeyFile(entries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the secret keys", null);
    }
  }

  private static KeyRing parse(byte[] json, Path path) {
    KeyFile content;
    try {
      content = Json.mapper().readValue(json, KeyFile.class);
    } catch (IOException e) {
      // the parser's message may quote the content: only its position is reported
      throw malformed(path, "it is not valid JSON" + at(e));
    }
    if (content == null || content.keys() == null || content.keys().isEmpty()) {
      throw malformed(path, "it has no \"keys\"");
    }
    List<KeyEncryptionKey> keys = new ArrayList<>();
    for (int i = 0; i < content.keys().size(); i++) {
      keys.add(entry(content.keys().get(i), i, path));
    }
    try {
      return new KeyRing(keys, path.toString());
    } catch (IllegalArgumentException e) {
      throw malformed(path, e.getMessage());
    }
  }

  private static KeyEncryptionKey entry(KeyFile.Entry entry, int index, Path path) {
    String where = "key #" + (index + 1);
    if (entry == null || entry.id() == null || entry.key() == null || entry.createdAt() == null) {
      throw malformed(path, where + " needs \"id\", \"key\" and \"createdAt\"");
    }
    if (!KeyEncryptionKey.ID.matcher(entry.id()).matches()) {
      throw malformed(path, where + ": the id must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(entry.key());
    } catch (IllegalArgumentException e) {
      // the decoder's message names a character of the key: not repeated
      throw malformed(path, where + " (" + entry.id() + "): \"key\" is not base64");
    }
    if (key.length != KeyEncryptionKey.KEY_BYTES) {
      throw malformed(
          path,
          where
              + " ("
              + entry.id()
              + "): \"key\" must be "
              + KeyEncryptionKey.KEY_BYTES
              + " bytes (AES-256), not "
              + key.length);
    }
    return new KeyEncryptionKey(entry.id(), key, entry.createdAt());
  }

  private static IllegalStateException malformed(Path path, String reason) {
    return new IllegalStateException(path + " is not a valid secret key file: " + reason);
  }

  private static String at(IOException e) {
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      JsonLocation l = p.getLocation();
      return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
    return "";
  }

  private static String describe(IOException e, Path path) {
    return PrivateFiles.describe(e, path.getParent());
  }
}
