package io.fluxrp.server.fluxconfig;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.RequestContext;
import io.fluxrp.server.http.Urls;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * LIST paging: {@code $top} (page size, 1..1000, default 100) and an opaque {@code $skipToken} that
 * encodes the last name of the previous page (a keyset cursor, so every page costs the same).
 */
record Paging(int pageSize, boolean topGiven, String afterNameKey) {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  private static final String TOKEN_PREFIX = "n1.";

  static Paging from(ApiRequest request) {
    String top = request.query("$top").orElse(null);
    int pageSize = top == null ? DEFAULT_PAGE : parseTop(top);
    String token = request.query("$skipToken").orElse(null);
    return new Paging(pageSize, top != null, token == null ? null : decode(token));
  }

  String nextLink(RequestContext context, String collectionPath, String lastNameKey) {
    StringBuilder url =
        new StringBuilder(Urls.of(context.baseUrl(), collectionPath, context.apiVersion().wire()));
    if (topGiven) {
      url.append("&$top=").append(pageSize);
    }
    url.append("&$skipToken=").append(Urls.query(encode(lastNameKey)));
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

  private static String encode(String nameKey) {
    return TOKEN_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(nameKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    if (token.startsWith(TOKEN_PREFIX)) {
      try {
        String name =
            new String(
                Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                StandardCharsets.UTF_8);
        if (!name.isEmpty() && name.length() <= 253) {
          return name;
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
