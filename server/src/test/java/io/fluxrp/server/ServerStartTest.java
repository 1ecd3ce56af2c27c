package io.fluxrp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.secrets.KeyRingFile;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.store.StoreUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys are read or created on a thread of their own while the database opens (a failure of
 * either fails the start: {@code KeyRingFileTest} for the keys).
 */
class ServerStartTest {
  @TempDir Path dataDir;

  @Test
  void aStartFailingOnTheDatabaseReturnsOnlyOnceTheKeysAreWritten() {
    ServerConfig config =
        ServerConfig.embedded(0, dataDir).toBuilder()
            .store(new StoreSettings(dataDir, "jdbc:postgresql://127.0.0.1:1/none", "u", "p", 2))
            .runEmulatedClusters(false)
            .build();

    // refused at once, while a fresh RSA key pair takes hundreds of milliseconds
    assertThatThrownBy(() -> FluxrpServer.start(config))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(dataDir.resolve(EmbeddedIssuer.KEY_FILE)).isRegularFile();
    assertThat(KeyRingFile.load(config.secretKeysFile()).keys()).hasSize(1);
  }
}
