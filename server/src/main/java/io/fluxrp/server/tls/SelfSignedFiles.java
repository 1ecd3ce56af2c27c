package io.fluxrp.server.tls;

import io.fluxrp.server.platform.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate of a data directory: generated when missing or within 30 days of
 * expiry, both files readable by the owner only (a directory of the server's own). Its SHA-256
 * fingerprint is logged for clients to pin.
 */
record SelfSignedFiles(Path certificate, Path privateKey) {
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  static SelfSignedFiles loadOrCreate(Path dir, Clock clock)
      throws IOException, GeneralSecurityException {
    SelfSignedFiles files =
        new SelfSignedFiles(dir.resolve("localhost.crt"), dir.resolve("localhost.key"));
    if (!files.usable(clock)) {
      files.generate(clock);
    }
    LoggerFactory.getLogger(SelfSignedFiles.class)
        .info(
            "HTTPS with the self-signed certificate {} (SHA-256 fingerprint {})",
            files.certificate,
            fingerprint(PemFiles.certificates(files.certificate).get(0)));
    return files;
  }

  private boolean usable(Clock clock) throws IOException, GeneralSecurityException {
    if (!Files.exists(certificate) || !Files.exists(privateKey)) {
      return false;
    }
    X509Certificate current = PemFiles.certificates(certificate).get(0);
    return current.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
  }

  private void generate(Clock clock) throws IOException, GeneralSecurityException {
    PrivateFiles.createDirectory(certificate.getParent());
    SelfSignedCertificate.Generated generated =
        SelfSignedCertificate.generate(clock.instant().atZone(ZoneOffset.UTC));
    PrivateFiles.replace(
        privateKey, pem("PRIVATE KEY", generated.keys().getPrivate().getEncoded()));
    PrivateFiles.replace(certificate, pem("CERTIFICATE", generated.certificate().getEncoded()));
  }

  private static byte[] pem(String type, byte[] der) {
    return PemFiles.encode(type, der).getBytes(StandardCharsets.US_ASCII);
  }

  static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }
}
