package io.fluxrp.server.store;

class PostgresWorkLeasesTest extends AbstractWorkLeasesContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }
}
