package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quoteUrl;

import io.fluxrp.model.schema.JsonPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks of the source URLs that several source kinds share. */
final class UrlChecks {
  private final ValidationProblems problems;
  private final PropertyChecks checks;

  UrlChecks(ValidationProblems problems) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
  }

  /** The endpoint URL of a Bucket or AzureBlob source ({@code source} names it for messages). */
  void checkHttpUrl(JsonPath path, String url, String source) {
    if (!checks.checkPresent(
        path, url, source + " needs '" + path + "', an http:// or https:// endpoint URL.")) {
      return;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || !hasHost(url)) {
      problems.invalid(
          path,
          "The URL "
              + quoteUrl(url)
              + " of '"
              + path
              + "' is not valid; use an http:// or https:// URL with a host.");
      return;
    }
    checkNoPassword(path, url);
  }

  /**
   * URLs are shown in every response, so a password in one would leak a credential. The user info
   * is everything before the last '@' of the authority, as in {@link #hasHost}: {@link
   * URI#getRawUserInfo} has none when the password holds an unencoded '@'.
   */
  boolean checkNoPassword(JsonPath path, String url) {
    try {
      String authority = new URI(url).getRawAuthority();
      int at = authority == null ? -1 : authority.lastIndexOf('@');
      if (at >= 0 && authority.substring(0, at).contains(":")) {
        problems.invalid(
            path,
            "The URL "
                + quoteUrl(url)
                + " of '"
                + path
                + "' contains a password. URLs are returned in every response; put credentials"
                + " into the source's credential properties or a localAuthRef Secret instead.");
        return false;
      }
    } catch (URISyntaxException e) {
      // hasHost already rejected unparseable URLs
    }
    return true;
  }

  static boolean hasHost(String url) {
    try {
      URI uri = new URI(url);
      String authority = uri.getRawAuthority();
      if (authority == null) {
        return false;
      }
      String host = authority.substring(authority.lastIndexOf('@') + 1);
      return !host.isEmpty() && !host.startsWith(":");
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
