package io.fluxrp.cli;

import io.fluxrp.server.auth.EmbeddedIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --server}, {@code --token} and {@code --data-dir} of the commands that call a running
 * server's admin API.
 */
final class AdminOptions {

  /** Lifetime of a token minted from the data directory's key for one command. */
  static final Duration MINTED_TOKEN_TTL = Duration.ofMinutes(5);

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://localhost:8080",
      converter = ServerUrlConverter.class,
      description = "The fluxrp server (env FLUXRP_SERVER; default: ${DEFAULT-VALUE}).")
  URI server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      converter = TokenConverter.class,
      description =
          "Bearer token of an administrator (env FLUXRP_TOKEN; default: a 5-minute token minted"
              + " with the signing key in --data-dir, on the server's machine).")
  String token;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.fluxrp",
      converter = DataDirOption.PathConverter.class,
      description =
          "The server's data directory, whose token signing key mints a token when --token is"
              + " not given; only read (env FLUXRP_DATA_DIR; default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description =
          "Trust only the PEM certificate(s) in FILE for an https --server, e.g. the server's"
              + " <data-dir>/tls/localhost.crt of --tls-self-signed (env FLUXRP_CACERT).")
  Path caCertificates;

  /** A client of the server, with the given token or one minted from the data directory. */
  AdminClient connect() {
    return new AdminClient(
        server,
        bearerToken(),
        caCertificates == null ? null : TrustedCertificates.load(caCertificates));
  }

  String bearerToken() {
    if (token != null) {
      return token;
    }
    Path key = dataDir.resolve(EmbeddedIssuer.KEY_FILE);
    if (!Files.isRegularFile(key)) { // never create one: that would be a key no server trusts
      throw new CliException(
          "no --token given, and no token signing key "
              + key
              + " to mint one: pass --token TOKEN (or set FLUXRP_TOKEN), or run this on the"
              + " server's machine (with the server's --data-dir)");
    }
    return EmbeddedIssuer.loadOrCreate(dataDir).mintAdmin(MINTED_TOKEN_TTL);
  }

  /** A bearer token: printable ASCII without spaces (it goes into a header). */
  static final class TokenConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String t = value.strip();
      if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
        throw new TypeConversionException(
            "not a bearer token: it is empty or has spaces or non-ASCII characters");
      }
      return t;
    }
  }

  /** An absolute http or https URL without query or fragment; a trailing slash is dropped. */
  static final class ServerUrlConverter implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      String v = value.strip();
      while (v.endsWith("/")) {
        v = v.substring(0, v.length() - 1);
      }
      URI uri;
      try {
        uri = new URI(v);
      } catch (URISyntaxException e) {
        throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new TypeConversionException(
            "'" + value + "' is not an http(s) URL such as http://localhost:8080");
      }
      return uri;
    }
  }
}
