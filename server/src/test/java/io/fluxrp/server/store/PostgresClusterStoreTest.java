package io.fluxrp.server.store;

class PostgresClusterStoreTest extends AbstractClusterStoreContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }
}
