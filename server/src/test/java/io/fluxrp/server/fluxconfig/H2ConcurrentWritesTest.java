package io.fluxrp.server.fluxconfig;

import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AbstractConcurrentWritesTest} on one server with the embedded H2 store. */
class H2ConcurrentWritesTest extends AbstractConcurrentWritesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected List<ArmClient> clients() {
    return List.of(server.client());
  }
}
