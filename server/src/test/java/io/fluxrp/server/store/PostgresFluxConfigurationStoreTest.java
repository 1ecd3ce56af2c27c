package io.fluxrp.server.store;

class PostgresFluxConfigurationStoreTest extends AbstractFluxConfigurationStoreContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }
}
