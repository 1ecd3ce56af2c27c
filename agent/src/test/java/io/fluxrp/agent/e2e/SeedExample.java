package io.fluxrp.agent.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The request bodies of the seed document (testdata/flux-configurations-create-or-update.txt). */
final class SeedExample {
  private static final Path SEED = Path.of("../testdata/flux-configurations-create-or-update.txt");
  private static final String SAMPLE_PUT = "PUT https://management.azure.com/subscriptions/subId1/";

  private SeedExample() {}

  /** The body of the seed's first sample request ("Create Flux Configuration"). */
  static JsonNode firstPutBody() {
    try {
      String text = Files.readString(SEED, StandardCharsets.UTF_8);
      int request = text.indexOf(SAMPLE_PUT);
      int body = text.indexOf('{', request);
      try (JsonParser parser = new ObjectMapper().createParser(text.substring(body))) {
        return new ObjectMapper().readTree(parser);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
