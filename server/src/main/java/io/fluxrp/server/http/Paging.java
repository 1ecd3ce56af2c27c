package io.fluxrp.server.http;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.version.ApiVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * LIST paging: {@code $top} (page size, 1..1000) and an opaque {@code $skipToken} that encodes the
 * last key of the previous page (a keyset cursor, so every page costs the same).
 *
 * @param afterKey the key the page starts after (null: the first page)
 */
public record Paging(int pageSize, boolean topGiven, String afterKey) {
  public static final int MAX_PAGE = 1000;
  private static final String TOKEN_PREFIX = "n1.";

  /**
   * @param defaultPage the page size without {@code $top}
   * @param maxKeyLength longer keys in a {@code $skipToken} cannot be ours
   */
  public static Paging from(ApiRequest request, int defaultPage, int maxKeyLength) {
    String top = request.query("$top").orElse(null);
    int pageSize = top == null ? defaultPage : parseTop(top);
    String token = request.query("$skipToken").orElse(null);
    return new Paging(pageSize, top != null, token == null ? null : decode(token, maxKeyLength));
  }

  /** The URL of the next page; {@code version} null for routes without api-version. */
  public String nextLink(RequestContext context, String path, ApiVersion version, String lastKey) {
    StringBuilder url =
        new StringBuilder(
            version == null
                ? context.baseUrl() + path + "?"
                : Urls.of(context.baseUrl(), path, version.wire()) + "&");
    if (topGiven) {
      url.append("$top=").append(pageSize).append('&');
    }
    url.append("$skipToken=").append(Urls.query(encode(lastKey)));
    return url.toString();
  }

  private static int parseTop(String top) {
    try {
      int value = Integer.parseInt(top.trim());
      if (value >= 1 && value <= MAX_PAGE) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(
        "$top", "The query parameter $top must be an integer from 1 to " + MAX_PAGE + ".");
  }

  private static String encode(String key) {
    return TOKEN_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token, int maxKeyLength) {
    if (token.startsWith(TOKEN_PREFIX)) {
      try {
        String key =
            new String(
                Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                StandardCharsets.UTF_8);
        if (!key.isEmpty() && key.length() <= maxKeyLength) {
          return key;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw invalid(
        "$skipToken", "The $skipToken is not one this server issued; follow nextLink as given.");
  }

  private static ArmException invalid(String target, String message) {
    return new ArmException(
        ArmErrorCode.INVALID_QUERY_PARAMETER, message, target, List.of(), Map.of());
  }
}
