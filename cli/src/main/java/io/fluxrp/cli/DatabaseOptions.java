package io.fluxrp.cli;

import io.fluxrp.server.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fluxrp serve}'s database: the embedded H2 file in the data directory, or the database a
 * JDBC URL names (PostgreSQL), shared by any number of server instances.
 */
final class DatabaseOptions {

  @Option(
      names = "--database-url",
      paramLabel = "JDBC-URL",
      description =
          "A PostgreSQL database instead of the embedded H2 file, e.g."
              + " jdbc:postgresql://db.example:5432/fluxrp; several servers may share it"
              + " (env FLUXRP_DATABASE_URL).")
  String url;

  @Option(
      names = "--database-user",
      paramLabel = "USER",
      description = "User name for --database-url (env FLUXRP_DATABASE_USER).")
  String user;

  @Option(
      names = "--database-password-file",
      paramLabel = "FILE",
      description =
          "A file holding the password for --database-url, trailing newline ignored"
              + " (env FLUXRP_DATABASE_PASSWORD_FILE).")
  Path passwordFile;

  @Option(
      names = "--database-pool-size",
      paramLabel = "N",
      defaultValue = "10",
      converter = PoolSizeConverter.class,
      description =
          "Database connections this server keeps at most, 2 to 500; a waiting agent holds none"
              + " (env FLUXRP_DATABASE_POOL_SIZE; default: ${DEFAULT-VALUE}).")
  int poolSize;

  /** The store settings these options say; reads the password file. */
  StoreSettings settings(Path dataDir) {
    if (url == null || url.isBlank()) {
      if (user != null || passwordFile != null) {
        throw new CliException("--database-user and --database-password-file need --database-url");
      }
      return new StoreSettings(dataDir, null, null, null, poolSize);
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CliException(
          "--database-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }
    return new StoreSettings(dataDir, url.strip(), user, password(), poolSize);
  }

  private String password() {
    if (passwordFile == null) {
      return null;
    }
    try {
      return Files.readString(passwordFile).strip();
    } catch (IOException e) {
      throw new CliException(
          "cannot read the database password file " + passwordFile + ": " + Errors.oneLine(e));
    }
  }

  /** 2 to 500. */
  static final class PoolSizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number");
      }
      if (n < 2 || n > 500) {
        throw new TypeConversionException("'" + value + "' is not between 2 and 500");
      }
      return n;
    }
  }
}
