package io.fluxrp.server.multi;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.store.StoreSettings;
import java.nio.file.Path;

/**
 * A server instance in a process of its own, on a PostgreSQL database, for tests that kill an
 * instance: {@code ServerChild <jdbc-url> <user> <data-dir>}. Prints {@code port=<n>} once it
 * listens, then runs until it is killed.
 */
public final class ServerChild {
  private ServerChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of(args[2]);
    StoreSettings store = new StoreSettings(dataDir, args[0], args[1], "", 4);
    FluxrpServer server =
        FluxrpServer.start(ServerConfig.embedded(0, dataDir).toBuilder().store(store).build());
    System.out.println("port=" + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
