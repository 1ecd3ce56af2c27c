package io.fluxrp.server.secrets;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import io.fluxrp.server.http.ApiRequest;
import io.fluxrp.server.http.ApiResponse;
import java.util.List;
import java.util.Map;

/** The admin API over secrets at rest: {@code POST /admin/v1/secrets/rotate}. */
public final class SecretAdminHandlers {
  public static final String BASE = "/admin/v1/secrets";

  private final SecretRotation rotation;

  public SecretAdminHandlers(SecretRotation rotation) {
    this.rotation = rotation;
  }

  /** POST rotate: a new key, every configuration re-encrypted; 200 {@link RotationResult}. */
  public ApiResponse rotate(ApiRequest request) {
    if (request.hasBody() && !(request.body().isObject() && request.body().isEmpty())) {
      throw new ArmException(
          ArmErrorCode.INVALID_REQUEST_CONTENT,
          "A rotation takes no request body (or an empty JSON object).",
          null,
          List.of(),
          Map.of());
    }
    return ApiResponse.of(200, Json.mapper().valueToTree(rotation.rotate()));
  }
}
