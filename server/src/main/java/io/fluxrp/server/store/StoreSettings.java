package io.fluxrp.server.store;

import java.nio.file.Path;

/**
 * Where the data lives. The embedded default is an H2 file database in {@code dataDir}; a {@code
 * jdbcUrl} selects another database (PostgreSQL in a later release).
 *
 * @param jdbcUrl null for the embedded H2 database in {@code dataDir}
 * @param maxPoolSize connections in the pool
 */
public record StoreSettings(
    Path dataDir, String jdbcUrl, String username, String password, int maxPoolSize) {

  public static StoreSettings embedded(Path dataDir) {
    return new StoreSettings(dataDir, null, null, null, 10);
  }
}
