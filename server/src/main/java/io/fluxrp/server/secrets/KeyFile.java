package io.fluxrp.server.secrets;

import java.time.Instant;
import java.util.List;

/**
 * The JSON of the key file: {@code {"keys": [{"id", "key" (base64 of 32 bytes), "createdAt"}]}},
 * oldest first.
 */
record KeyFile(List<Entry> keys) {

  record Entry(String id, String key, Instant createdAt) {
    @Override
    public String toString() {
      return "Entry[id=" + id + ", createdAt=" + createdAt + "]";
    }
  }
}
