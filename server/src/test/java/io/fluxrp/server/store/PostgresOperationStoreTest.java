package io.fluxrp.server.store;

class PostgresOperationStoreTest extends AbstractOperationStoreContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }
}
