package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.arm.SystemData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParsedJsonTest {
  private final ParsedJson<SystemData> memory = new ParsedJson<>(SystemData.class, "column");

  @Test
  void theSameTextGivesTheSameRecordWithoutParsingAgain() {
    SystemData first = memory.read(json("alice"));
    SystemData again = memory.read(new String(json("alice"))); // equal text, another String

    assertThat(first.createdBy()).isEqualTo("alice");
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-12-06T01:00:00Z"));
    assertThat(again).isSameAs(first);
  }

  @Test
  void otherTextIsReadAfresh() {
    SystemData alice = memory.read(json("alice"));
    SystemData bob = memory.read(json("bob"));

    assertThat(bob.createdBy()).isEqualTo("bob");
    assertThat(memory.read(json("alice"))).isSameAs(alice);
  }

  @Test
  void nullIsNullAndUnreadableTextNamesTheColumn() {
    assertThat(memory.read(null)).isNull();
    assertThatThrownBy(() -> memory.read("{not json"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("column");
    assertThat(memory.size()).isZero();
  }

  @Test
  void theMemoryIsBoundedAndLongValuesAreNotKept() {
    for (int i = 0; i <= ParsedJson.CAPACITY; i++) {
      memory.read(json("user-" + i));
    }
    assertThat(memory.size()).isBetween(1, ParsedJson.CAPACITY);

    ParsedJson<SystemData> fresh = new ParsedJson<>(SystemData.class, "column");
    String padded = json("x".repeat(ParsedJson.MAX_KEPT_LENGTH));
    assertThat(fresh.read(padded).createdBy()).hasSize(ParsedJson.MAX_KEPT_LENGTH);
    assertThat(fresh.size()).isZero();
  }

  private static String json(String createdBy) {
    return """
        {"createdBy":"%s","createdByType":"User","createdAt":"2026-12-06T01:00:00Z"}"""
        .formatted(createdBy);
  }
}
