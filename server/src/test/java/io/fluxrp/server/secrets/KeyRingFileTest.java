package io.fluxrp.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file of secrets at rest: created 0600, refused when others can read it or malformed. */
class KeyRingFileTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final String KEY_MATERIAL = "c2VjcmV0LWtleS1tYXRlcmlhbC1zZWNyZXQta2V5LW1hdA==";

  @TempDir Path tmp;
  private Path file;

  @BeforeEach
  void posixOnly() {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    file = tmp.resolve("data").resolve("secret-keys.json");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private void write(String json) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void createsTheFileWithMode0600AndOneKey() throws Exception {
    KeyRing ring = KeyRingFile.loadOrCreate(file, CLOCK);

    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(mode(file.getParent())).isEqualTo("rwx------");
    assertThat(ring.keys()).hasSize(1);
    assertThat(ring.source()).isEqualTo(file.toString());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
    String json = Files.readString(file);
    assertThat(json)
        .contains("\"id\" : \"" + ring.current().id() + "\"")
        .contains(Base64.getEncoder().encodeToString(ring.current().key()));
  }

  @Test
  void theSameKeysAreReadOnTheNextStart() {
    KeyRing first = KeyRingFile.loadOrCreate(file, CLOCK);

    assertThat(KeyRingFile.loadOrCreate(file, CLOCK)).isEqualTo(first);
  }

  @Test
  void addingAKeyKeepsTheOldOnesAndTheMode() throws Exception {
    KeyRing first = KeyRingFile.loadOrCreate(file, CLOCK);

    KeyRing second = KeyRingFile.addKey(file, CLOCK);

    assertThat(second.keys()).hasSize(2).startsWith(first.current());
    assertThat(second.current().id()).isNotEqualTo(first.current().id());
    assertThat(KeyRingFile.load(file)).isEqualTo(second);
    assertThat(mode(file)).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files) // the lock file of rotations stays (deleting it would break the lock)
          .containsExactlyInAnyOrder(file, file.resolveSibling(".secret-keys.json.lock"));
    }
  }

  @Test
  void concurrentRotationsKeepEveryKey() throws Exception {
    KeyRingFile.loadOrCreate(file, CLOCK);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<KeyRing>> added = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      added.add(pool.submit(() -> KeyRingFile.addKey(file, CLOCK)));
    }
    List<String> newIds = new java.util.ArrayList<>();
    for (java.util.concurrent.Future<KeyRing> f : added) {
      newIds.add(f.get().current().id());
    }
    pool.shutdown();

    assertThat(KeyRingFile.load(file).keys())
        .hasSize(9)
        .extracting(KeyEncryptionKey::id)
        .containsAll(newIds);
  }

  @Test
  void aFileReadableByGroupOrOthersIsRefused() throws Exception {
    KeyRingFile.loadOrCreate(file, CLOCK);
    for (String loose : List.of("rw-r-----", "rw----r--", "rw-rw-rw-")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));

      assertThatThrownBy(() -> KeyRingFile.loadOrCreate(file, CLOCK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("mode " + loose)
          .hasMessageContaining("chmod 600");
    }
  }

  @Test
  void malformedFilesAreRefusedWithoutQuotingThem() throws Exception {
    String validEntry =
        "{\"id\": \"k1\", \"key\": \"%s\", \"createdAt\": \"2026-01-01T00:00:00Z\"}"
            .formatted(Base64.getEncoder().encodeToString(new byte[32]));
    List<List<String>> cases =
        List.of(
            List.of("{\"keys\": [" + KEY_MATERIAL + "]}", "not valid JSON (line 1"),
            List.of("{\"keys\": []}", "no \"keys\""),
            List.of("{}", "no \"keys\""),
            List.of("{\"keys\": [{\"id\": \"k1\"}]}", "key #1 needs \"id\", \"key\""),
            List.of(
                "{\"keys\": [{\"id\": \"k:1\", \"key\": \"%s\", \"createdAt\": \"2026-01-01T00:00:00Z\"}]}"
                    .formatted(KEY_MATERIAL),
                "key #1: the id must be"),
            List.of(
                "{\"keys\": [{\"id\": \"k1\", \"key\": \"%s!\", \"createdAt\": \"2026-01-01T00:00:00Z\"}]}"
                    .formatted(KEY_MATERIAL),
                "\"key\" is not base64"),
            List.of(
                "{\"keys\": [{\"id\": \"k1\", \"key\": \"%s\", \"createdAt\": \"2026-01-01T00:00:00Z\"}]}"
                    .formatted(KEY_MATERIAL),
                "must be 32 bytes (AES-256), not 34"),
            List.of("{\"keys\": [" + validEntry + ", " + validEntry + "]}", "not unique"));
    for (List<String> c : cases) {
      write(c.get(0));

      assertThatThrownBy(() -> KeyRingFile.loadOrCreate(file, CLOCK))
          .as(c.get(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(file + " is not a valid secret key file: ")
          .hasMessageContaining(c.get(1))
          .hasMessageNotContaining(KEY_MATERIAL)
          .hasMessageNotContaining("c2VjcmV0");
    }
  }

  @Test
  void aServerDoesNotStartOnAGroupReadableKeyFile() throws Exception {
    Path dataDir = tmp.resolve("server");
    ServerConfig config = ServerConfig.embedded(0, dataDir).withRunEmulatedClusters(false);
    KeyRingFile.loadOrCreate(config.secretKeysFile(), CLOCK);
    Files.setPosixFilePermissions(
        config.secretKeysFile(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> FluxrpServer.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret-keys.json is accessible by group or others (mode rw-r--r--)");
  }

  @Test
  void aServerDoesNotStartOnAMalformedKeyFile() throws Exception {
    Path dataDir = tmp.resolve("server");
    ServerConfig config = ServerConfig.embedded(0, dataDir).withRunEmulatedClusters(false);
    file = config.secretKeysFile();
    write("not json " + KEY_MATERIAL);

    assertThatThrownBy(() -> FluxrpServer.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret-keys.json is not a valid secret key file")
        .hasMessageNotContaining(KEY_MATERIAL);
  }
}
