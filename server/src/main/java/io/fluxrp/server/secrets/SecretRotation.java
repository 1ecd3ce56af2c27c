package io.fluxrp.server.secrets;

import io.fluxrp.server.fluxconfig.ConfigKey;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import io.fluxrp.server.store.JdbcFluxConfigurationStore.Reencrypted;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation: adds a fresh key to the key file, makes it the one new values are sealed with, then
 * encrypts the secrets of every configuration again under it, {@value #BATCH} rows per transaction.
 * Old keys stay in the file, so rows not reached yet (a failure half-way, another instance still
 * writing with the previous key) stay readable; running it again finishes the job.
 */
public final class SecretRotation {
  static final int BATCH = 200;
  private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

  private final Database database;
  private final JdbcFluxConfigurationStore store;
  private final SecretCipher cipher;
  private final Path keyFile;
  private final Clock clock;

  public SecretRotation(
      Database database,
      JdbcFluxConfigurationStore store,
      SecretCipher cipher,
      Path keyFile,
      Clock clock) {
    this.database = database;
    this.store = store;
    this.cipher = cipher;
    this.keyFile = keyFile;
    this.clock = clock;
  }

  /** Adds a key and re-encrypts everything under it (one rotation at a time per instance). */
  public synchronized RotationResult rotate() {
    KeyRing ring = KeyRingFile.addKey(keyFile, clock);
    cipher.use(ring);
    String keyId = ring.current().id();
    long rewritten = reencryptAll();
    log.info("secrets rotated to key {}: {} configurations re-encrypted", keyId, rewritten);
    return new RotationResult(keyId, rewritten);
  }

  /** Seals again every row not sealed with the current key; the number of rows rewritten. */
  long reencryptAll() {
    long rewritten = 0;
    ConfigKey after = null;
    while (true) {
      ConfigKey from = after;
      Reencrypted batch = database.write(tx -> store.reencryptBatch(tx, from, BATCH));
      rewritten += batch.rewritten();
      if (batch.scanned() < BATCH) {
        return rewritten;
      }
      after = batch.last();
    }
  }
}
