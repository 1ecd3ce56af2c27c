package io.fluxrp.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids ({@code x-ms-request-id}): random version-4 UUIDs from a thread-local generator. They
 * identify a request in logs and support cases and guard nothing, so they need no cryptographic
 * randomness; {@link UUID#randomUUID()} drew from the shared {@code SecureRandom}, a few percent of
 * a GET's cost in the profile.
 */
final class RequestIds {
  private RequestIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long leastSignificant =
        (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(mostSignificant, leastSignificant).toString();
  }
}
