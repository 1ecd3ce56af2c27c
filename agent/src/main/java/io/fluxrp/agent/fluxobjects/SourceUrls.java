package io.fluxrp.agent.fluxobjects;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Source URLs in the forms the Flux CRDs and controllers accept (flux-mapping §1.1, §3.3). */
final class SourceUrls {
  /** {@code user@host:path}, the scp-like form Git and the Azure CLI accept. */
  private static final Pattern SCP_LIKE =
      Pattern.compile("^([A-Za-z0-9._~+-]+)@([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):(?!//)(\\S+)$");

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

  private SourceUrls() {}

  /**
   * A Git URL matching GitRepository's {@code ^(http|https|ssh)://}: the scheme in lower case, and
   * the scp-like form rewritten to {@code ssh://user@host/path} (the {@code :} after the host
   * becomes {@code /}), e.g. {@code git@ssh.dev.azure.com:v3/org/project/repo} becomes {@code
   * ssh://git@ssh.dev.azure.com/v3/org/project/repo}.
   */
  static String git(String url) {
    Matcher scp = SCP_LIKE.matcher(url);
    if (scp.matches()) {
      String path = scp.group(3);
      return "ssh://"
          + scp.group(1)
          + "@"
          + scp.group(2)
          + (path.startsWith("/") ? "" : "/")
          + path;
    }
    return lowerCaseScheme(url);
  }

  static boolean isSsh(String normalisedGitUrl) {
    return normalisedGitUrl.startsWith("ssh://");
  }

  /** An OCI URL with its scheme in lower case, for OCIRepository's {@code ^oci://}. */
  static String oci(String url) {
    return lowerCaseScheme(url);
  }

  /**
   * The {@code host[:port]} of a Bucket endpoint URL: the generic provider hands the endpoint to
   * the MinIO client, which refuses a scheme or a path.
   */
  static String bucketEndpoint(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() != null) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      }
    } catch (URISyntaxException e) {
      // not a URI: strip the scheme and path by hand below
    }
    String rest = SCHEME.matcher(url).replaceFirst("");
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** Whether a Bucket endpoint URL is plain HTTP, Flux's {@code insecure}. */
  static boolean isPlainHttp(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("http://");
  }

  private static String lowerCaseScheme(String url) {
    Matcher scheme = SCHEME.matcher(url);
    if (!scheme.find()) {
      return url;
    }
    return scheme.group(1).toLowerCase(Locale.ROOT) + url.substring(scheme.group(1).length());
  }
}
