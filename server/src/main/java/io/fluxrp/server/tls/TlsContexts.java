package io.fluxrp.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the HTTPS listener's {@link SSLContext} from {@link TlsSettings}. */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * @param dataDir where a self-signed certificate is kept ({@code tls/localhost.crt} and {@code
   *     tls/localhost.key})
   * @throws IllegalStateException saying which file is unusable and why
   */
  public static SSLContext create(TlsSettings settings, Path dataDir, Clock clock) {
    try {
      if (settings.pkcs12() != null) {
        char[] password = settings.pkcs12Password().toCharArray();
        return context(pkcs12(settings.pkcs12(), password), password);
      }
      Path certificate = settings.certificatePem();
      Path key = settings.privateKeyPem();
      if (settings.selfSigned()) {
        SelfSignedFiles files = SelfSignedFiles.loadOrCreate(dataDir.resolve("tls"), clock);
        certificate = files.certificate();
        key = files.privateKey();
      }
      return context(fromPem(certificate, key), NO_PASSWORD);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up HTTPS: " + e.getMessage(), e);
    }
  }

  private static KeyStore fromPem(Path certificate, Path key)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = PemFiles.certificates(certificate);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "fluxrp", PemFiles.privateKey(key), NO_PASSWORD, chain.toArray(X509Certificate[]::new));
    return store;
  }

  private static KeyStore pkcs12(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    } catch (IOException e) {
      throw new GeneralSecurityException(
          file + " cannot be read as PKCS#12 with the given password", e);
    }
    return store;
  }

  private static SSLContext context(KeyStore store, char[] password)
      throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
