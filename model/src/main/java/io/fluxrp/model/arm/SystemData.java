package io.fluxrp.model.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** ARM {@code systemData}: who created and last modified the resource, and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemData(
    String createdBy,
    String createdByType,
    Instant createdAt,
    String lastModifiedBy,
    String lastModifiedByType,
    Instant lastModifiedAt) {

  /** The system data of a resource created now by this principal. */
  public static SystemData created(String by, String byType, Instant at) {
    return new SystemData(by, byType, at, by, byType, at);
  }

  /** This system data after a modification now by this principal. */
  public SystemData modified(String by, String byType, Instant at) {
    return new SystemData(createdBy, createdByType, createdAt, by, byType, at);
  }
}
