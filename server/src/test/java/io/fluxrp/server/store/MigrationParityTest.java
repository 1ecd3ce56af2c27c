package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every H2 migration has a PostgreSQL twin of the same file name (same version, same description),
 * so a schema change made for one database and forgotten for the other fails the build. PostgreSQL
 * alone has the change-notification triggers.
 */
class MigrationParityTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final List<String> POSTGRES_ONLY = List.of("V4_1__change_notifications.sql");

  @Test
  void everyMigrationExistsForBothDatabases() throws IOException {
    List<String> h2 = names("h2");
    List<String> postgres =
        names("postgresql").stream().filter(n -> !POSTGRES_ONLY.contains(n)).toList();

    assertThat(h2).isNotEmpty();
    assertThat(postgres).containsExactlyElementsOf(h2);
  }

  private static List<String> names(String dialect) throws IOException {
    try (Stream<Path> files = Files.list(MIGRATIONS.resolve(dialect))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
