package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.fluxconfig.StoredConfiguration;
import io.fluxrp.server.testing.TestSecrets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction whose commit has returned survives {@code kill -9} of the process: a child JVM
 * commits one row per transaction and acknowledges each on stdout; it is killed (SIGKILL) while it
 * is still writing, and every acknowledged row must be in the database afterwards.
 *
 * <p>To see this test catch a database without durable commits, run it with {@code
 * -Dfluxrp.test.h2DefaultWriteDelay=true}: the child then uses H2's default write delay and the
 * test fails (the last few hundred milliseconds of commits are lost).
 */
class H2DurabilityTest {

  private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesAKillOfTheProcess() throws Exception {
    Path dataDir = dir.resolve("data");
    Path childErr = dir.resolve("child-stderr.txt");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a quick start matters more than peak speed for the short-lived child
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(H2DurabilityChild.class.getName());
    command.add(dataDir.toString());
    if (Boolean.getBoolean("fluxrp.test.h2DefaultWriteDelay")) {
      command.add(
          "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("fluxrp") + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    Process child = new ProcessBuilder(command).redirectError(childErr.toFile()).start();

    Map<String, Long> acknowledged = new LinkedHashMap<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    try {
      CompletableFuture<Void> enough =
          CompletableFuture.runAsync(
              () -> {
                while (acknowledged.size() < ACKNOWLEDGEMENTS_BEFORE_KILL) {
                  String line = readLine(out);
                  if (line == null) {
                    throw new IllegalStateException("the child ended early: " + read(childErr));
                  }
                  parse(line, acknowledged);
                }
              });
      enough.get(60, TimeUnit.SECONDS);
      assertThat(child.isAlive()).as("the child is still writing when it is killed").isTrue();
    } finally {
      // SIGKILL; unlike Process.destroyForcibly() this leaves the child's stdout open to drain
      child.toHandle().destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    // what the child acknowledged between our last read and the kill was committed as well:
    // those last commits are the ones a database without durable commits loses
    for (String line = readLine(out); line != null; line = readLine(out)) {
      parse(line, acknowledged);
    }
    out.close();
    assertThat(child.exitValue()).isNotZero();

    try (Database db = Database.open(StoreSettings.embedded(dataDir))) {
      JdbcFluxConfigurationStore store = TestSecrets.configurationStore();
      List<String> lost = new ArrayList<>();
      db.read(
          tx -> {
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
              ConfigKey key = ConfigKey.of(StoreFixtures.clusterId("c1"), ack.getKey());
              StoredConfiguration row = store.find(tx, key).orElse(null);
              if (row == null || row.seq() != ack.getValue()) {
                lost.add(ack.getKey());
              }
            }
            return null;
          });
      assertThat(lost)
          .as("acknowledged commits missing after the kill, of %d", acknowledged.size())
          .isEmpty();
    }
  }

  /** Takes a complete acknowledgement line ({@code ACK name seq .}); ignores anything else. */
  private static void parse(String line, Map<String, Long> acknowledged) {
    String[] parts = line.split(" ");
    if (parts.length == 4 && parts[0].equals("ACK") && parts[3].equals(".")) {
      acknowledged.put(parts[1], Long.parseLong(parts[2]));
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
