package io.fluxrp.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2WorkLeasesTest extends AbstractWorkLeasesContractTest {

  @TempDir Path dir;

  @Override
  protected Database openDatabase() {
    return H2TestDatabases.open(dir);
  }
}
