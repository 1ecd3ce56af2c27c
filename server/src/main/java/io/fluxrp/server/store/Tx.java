package io.fluxrp.server.store;

import java.sql.Connection;

/**
 * One database transaction, handed to the store methods that take part in it. Feature services
 * decide what goes into one transaction; stores never commit.
 */
public record Tx(Connection connection, SqlDialect dialect) {}
