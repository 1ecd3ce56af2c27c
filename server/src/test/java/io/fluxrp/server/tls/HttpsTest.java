package io.fluxrp.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.FluxrpServer;
import io.fluxrp.server.ServerConfig;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener serves HTTPS from a self-signed, PEM or PKCS#12 certificate. */
class HttpsTest {
  @TempDir Path tmp;

  @Test
  void theSelfSignedCertificateServesHttpsAndSurvivesARestart() throws Exception {
    try (TestServer test = TestServer.start(c -> tls(c, TlsSettings.generatedSelfSigned()))) {
      Path certificate = test.dataDir().resolve("tls/localhost.crt");
      Path key = test.dataDir().resolve("tls/localhost.key");
      X509Certificate first = PemFiles.certificates(certificate).get(0);

      assertThat(test.server().baseUri().getScheme()).isEqualTo("https");
      assertThat(Files.getPosixFilePermissions(key))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(get(test.server(), first, "/healthz", null).statusCode()).isEqualTo(200);
      String token = test.server().mintAdminToken(Duration.ofMinutes(5));
      HttpResponse<String> missing =
          get(test.server(), first, ArmClient.v(ArmClient.config("nothing")), token);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("ResourceNotFound");

      test.restart();

      assertThat(PemFiles.certificates(certificate).get(0)).isEqualTo(first);
      assertThat(get(test.server(), first, "/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void plainHttpToTheHttpsPortGetsNoAnswer() {
    try (TestServer test = TestServer.start(c -> tls(c, TlsSettings.generatedSelfSigned()))) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI plain = URI.create("http://localhost:" + test.server().port() + "/healthz");

      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aPemCertificateAndKeyServeHttps() throws Exception {
    SelfSignedCertificate.Generated generated = SelfSignedCertificate.generate(ZonedDateTime.now());
    Path certificate = tmp.resolve("server.crt");
    Path key = tmp.resolve("server.key");
    Files.writeString(
        certificate, PemFiles.encode("CERTIFICATE", generated.certificate().getEncoded()));
    Files.writeString(
        key, PemFiles.encode("PRIVATE KEY", generated.keys().getPrivate().getEncoded()));

    try (TestServer test = TestServer.start(c -> tls(c, TlsSettings.pem(certificate, key)))) {
      assertThat(get(test.server(), generated.certificate(), "/healthz", null).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aPkcs12FileServesHttpsAndAWrongPasswordRefusesToStart() throws Exception {
    SelfSignedCertificate.Generated generated = SelfSignedCertificate.generate(ZonedDateTime.now());
    Path file = tmp.resolve("server.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "server",
        generated.keys().getPrivate(),
        "s3cret".toCharArray(),
        new Certificate[] {generated.certificate()});
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "s3cret".toCharArray());
    }

    try (TestServer test = TestServer.start(c -> tls(c, TlsSettings.pkcs12(file, "s3cret")))) {
      assertThat(get(test.server(), generated.certificate(), "/healthz", null).statusCode())
          .isEqualTo(200);
    }
    assertThatThrownBy(() -> TestServer.start(c -> tls(c, TlsSettings.pkcs12(file, "wrong"))))
        .hasMessageContaining("cannot set up HTTPS")
        .hasMessageContaining("server.p12")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void aTraditionalRsaKeyFileIsRefusedWithTheConversionCommand() throws Exception {
    Path certificate = tmp.resolve("server.crt");
    Path key = tmp.resolve("server.key");
    SelfSignedCertificate.Generated generated = SelfSignedCertificate.generate(ZonedDateTime.now());
    Files.writeString(
        certificate, PemFiles.encode("CERTIFICATE", generated.certificate().getEncoded()));
    Files.writeString(key, PemFiles.encode("RSA PRIVATE KEY", new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> TestServer.start(c -> tls(c, TlsSettings.pem(certificate, key))))
        .hasMessageContaining("RSA PRIVATE KEY")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void theSelfSignedCertificateNamesLocalhostAndIsNoAuthority() throws Exception {
    ZonedDateTime now = ZonedDateTime.parse("2026-12-05T10:00:00Z");
    X509Certificate certificate = SelfSignedCertificate.generate(now).certificate();

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plusYears(1).toInstant());
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(now.minusMinutes(5).toInstant());
  }

  private static ServerConfig tls(ServerConfig config, TlsSettings settings) {
    return config.withRunEmulatedClusters(false).toBuilder().tls(settings).build();
  }

  /** A GET over HTTPS trusting exactly {@code certificate}. */
  private static HttpResponse<String> get(
      FluxrpServer server, X509Certificate certificate, String path, String token)
      throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
