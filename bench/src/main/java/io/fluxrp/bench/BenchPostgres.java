package io.fluxrp.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A PostgreSQL server for the benchmarks (the {@code io.zonky.test} embedded binaries, as in the
 * server's tests) with an empty database {@code fluxrp_bench}, started by the bench program and
 * stopped (its data directory deleted) on close. Durable as a production server is configured:
 * {@code fsync} and {@code synchronous_commit} on (the embedded default turns the latter off), so
 * every commit waits for its WAL record to reach the disk. Its own log goes to {@code
 * bench-postgres.log} in the working directory.
 */
final class BenchPostgres implements AutoCloseable {
  private static final String DATABASE = "fluxrp_bench";

  private final EmbeddedPostgres server;
  final String version;

  private BenchPostgres(EmbeddedPostgres server, String version) {
    this.server = server;
    this.version = version;
  }

  static BenchPostgres start() throws IOException, SQLException {
    ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(new File("bench-postgres.log"));
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setOutputRedirector(log)
            .setErrorRedirector(log)
            .start();
    try (var connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
      try (ResultSet version = statement.executeQuery("SHOW server_version")) {
        version.next();
        return new BenchPostgres(server, version.getString(1));
      }
    }
  }

  /** The {@link BenchServer} arguments that select this database (trust authentication). */
  List<String> serverArguments() {
    return List.of(
        BenchServer.DATABASE_URL,
        server.getJdbcUrl("postgres", DATABASE),
        BenchServer.DATABASE_USER,
        "postgres");
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
