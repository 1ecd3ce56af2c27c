package io.fluxrp.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the store contract suites: every test gets a fresh, empty, migrated database from the
 * subclass (one per database product) and closes it afterwards.
 */
abstract class AbstractStoreContractTest {

  protected Database db;

  /** A fresh database with the current schema and no rows, for one test. */
  protected abstract Database openDatabase() throws Exception;

  @BeforeEach
  final void openFreshDatabase() throws Exception {
    db = openDatabase();
  }

  @AfterEach
  final void closeDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
