package io.fluxrp.server.store;

class PostgresRoleAssignmentStoreTest extends AbstractRoleAssignmentStoreContractTest {

  @Override
  protected Database openDatabase() {
    return PostgresTestDatabases.open();
  }
}
