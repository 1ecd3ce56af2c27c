package io.fluxrp.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/** Fresh embedded H2 databases for the contract suites. */
final class H2TestDatabases {

  private static ServerSocket dropper;

  private H2TestDatabases() {}

  /** The embedded default, in its own directory. */
  static Database open(Path dataDir) {
    return Database.open(StoreSettings.embedded(dataDir.resolve("data")));
  }

  /**
   * An H2 server address whose server drops every connection at once. (Where nothing listens at
   * all, the H2 client retries the connection for two seconds before it gives up.)
   */
  static synchronized StoreSettings unreachable() {
    if (dropper == null) {
      try {
        dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread thread = new Thread(H2TestDatabases::dropConnections, "h2-test-connection-dropper");
      thread.setDaemon(true);
      thread.start();
    }
    return new StoreSettings(
        null, "jdbc:h2:tcp://127.0.0.1:" + dropper.getLocalPort() + "/nothing", "sa", "", 2);
  }

  private static void dropConnections() {
    while (true) {
      try (Socket socket = dropper.accept()) {
        socket.setSoLinger(true, 0);
      } catch (IOException e) {
        return;
      }
    }
  }
}
