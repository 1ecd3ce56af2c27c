package io.fluxrp.server.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where an OIDC issuer's signing keys come from: a JWKS URL fetched with {@code java.net.http}
 * (timeouts, at most {@link #MAX_BYTES}) or a JWKS file. {@link #load()} reads it anew each time.
 */
public sealed interface JwksSource {

  /** A larger JWKS is refused (Entra's is about 10 KiB). */
  int MAX_BYTES = 512 * 1024;

  Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** The current key set. */
  JWKSet load() throws IOException;

  /** What to name in log lines and errors. */
  String describe();

  /** An {@code http://} or {@code https://} value is a URL, anything else a file path. */
  static JwksSource of(String jwks) {
    String v = jwks.strip();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      URI uri = URI.create(v);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("the JWKS URL has no host: " + v);
      }
      return new Url(uri);
    }
    if (v.isEmpty()) {
      throw new IllegalArgumentException("the JWKS location is empty");
    }
    return new File(Path.of(v).toAbsolutePath().normalize());
  }

  /** A JWKS served over HTTP(S). */
  record Url(URI uri) implements JwksSource {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public JWKSet load() throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<InputStream> response;
      try {
        response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching the JWKS", e);
      }
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        return parse(readLimited(body));
      }
    }

    @Override
    public String describe() {
      return uri.toString();
    }
  }

  /** A JWKS in a local file. */
  record File(Path path) implements JwksSource {
    @Override
    public JWKSet load() throws IOException {
      if (Files.size(path) > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return parse(Files.readAllBytes(path));
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException("larger than " + MAX_BYTES + " bytes");
    }
    return bytes;
  }

  private static JWKSet parse(byte[] bytes) throws IOException {
    try {
      return JWKSet.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IOException("not a JWKS: " + e.getMessage(), e);
    }
  }
}
