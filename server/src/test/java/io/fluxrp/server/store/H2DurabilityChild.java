package io.fluxrp.server.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.fluxrp.server.testing.TestSecrets;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The child process of {@link H2DurabilityTest}: commits one configuration per transaction, for
 * ever, and prints {@code ACK <name> <seq> .} on stdout as soon as each commit has returned.
 *
 * <p>Arguments: the data directory; optionally a JDBC URL that replaces the embedded default (to
 * show that the test catches a database configured without durable commits).
 */
public final class H2DurabilityChild {

  private H2DurabilityChild() {}

  public static void main(String[] args) {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Path dataDir = Path.of(args[0]);
    StoreSettings settings =
        args.length > 1
            ? new StoreSettings(dataDir, args[1], "sa", "", 2)
            : StoreSettings.embedded(dataDir);
    JdbcFluxConfigurationStore store = TestSecrets.configurationStore();
    PrintStream out = System.out;
    try (Database db = Database.open(settings)) {
      for (int i = 0; ; i++) {
        String name = "cfg-" + i;
        long seq =
            db.write(
                tx -> {
                  long next = store.nextSeq(tx);
                  store.insert(tx, StoreFixtures.config("c1", name, next));
                  return next;
                });
        out.println("ACK " + name + " " + seq + " .");
        out.flush();
      }
    }
  }
}
