package io.fluxrp.server.tls;

import java.nio.file.Path;

/**
 * Where the HTTPS listener's certificate and key come from: PEM files, a PKCS#12 file, or a
 * self-signed certificate the server generates in its data directory (for local use).
 *
 * @param pkcs12Password the PKCS#12 file's password (may be empty)
 */
public record TlsSettings(
    Path certificatePem,
    Path privateKeyPem,
    Path pkcs12,
    String pkcs12Password,
    boolean selfSigned) {

  public TlsSettings {
    int sources =
        (certificatePem != null ? 1 : 0) + (pkcs12 != null ? 1 : 0) + (selfSigned ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException(
          "TLS needs exactly one of: a PEM certificate and key, a PKCS#12 file, self-signed");
    }
    if ((certificatePem == null) != (privateKeyPem == null)) {
      throw new IllegalArgumentException("a PEM certificate needs its private key, and back");
    }
  }

  public static TlsSettings pem(Path certificate, Path privateKey) {
    return new TlsSettings(certificate, privateKey, null, null, false);
  }

  public static TlsSettings pkcs12(Path file, String password) {
    return new TlsSettings(null, null, file, password == null ? "" : password, false);
  }

  public static TlsSettings generatedSelfSigned() {
    return new TlsSettings(null, null, null, null, true);
  }

  @Override
  public String toString() { // never the password
    return "TlsSettings["
        + (selfSigned ? "self-signed" : pkcs12 != null ? pkcs12 : certificatePem)
        + "]";
  }
}
