package io.fluxrp.server.multi;

import io.fluxrp.server.fluxconfig.AbstractConcurrentWritesTest;
import io.fluxrp.server.testing.ArmClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AbstractConcurrentWritesTest} through two instances sharing one PostgreSQL database. */
class PostgresConcurrentWritesTest extends AbstractConcurrentWritesTest {
  private static PostgresInstances instances;
  private static List<ArmClient> clients;

  @BeforeAll
  static void start() {
    instances = new PostgresInstances();
    clients = List.of(instances.start(false).client(), instances.start(false).client());
  }

  @AfterAll
  static void stop() {
    instances.close();
  }

  @Override
  protected List<ArmClient> clients() {
    return clients;
  }
}
