package io.fluxrp.server.store;

import java.sql.SQLException;

/** Work done inside one transaction. */
@FunctionalInterface
public interface TxWork<T> {
  T run(Tx tx) throws SQLException;
}
