package io.fluxrp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the agent cluster's Succeeded configurations through LIST pages of 1,000. A page whose
 * configurations are all Succeeded is not read again (no configuration is created or changed while
 * counting, so the keyset pages keep their bounds).
 */
final class Census {
  /** How many configurations there are, and how many are Succeeded. */
  record Counts(int total, int succeeded) {}

  private static final int PAGE = 1000;

  private final ArmHttp arm;
  private final List<String> links = new ArrayList<>();
  private final List<Counts> pages = new ArrayList<>();

  Census(ArmHttp arm) {
    this.arm = arm;
    links.add(AgentCluster.COLLECTION + ArmHttp.API + "&$top=" + PAGE);
  }

  /** Reads every page not all Succeeded yet and returns the counts of all pages. */
  Counts count() {
    for (int page = 0; page < links.size(); page++) {
      if (page < pages.size() && pages.get(page).succeeded() == pages.get(page).total()) {
        continue;
      }
      JsonNode body = arm.get(links.get(page)).expect(200).json();
      int succeeded = 0;
      for (JsonNode configuration : body.path("value")) {
        if (configuration.at("/properties/provisioningState").asText().equals("Succeeded")) {
          succeeded++;
        }
      }
      Counts counts = new Counts(body.path("value").size(), succeeded);
      if (page < pages.size()) {
        pages.set(page, counts);
      } else {
        pages.add(counts);
      }
      String next = body.path("nextLink").asText("");
      if (!next.isEmpty() && page + 1 == links.size()) {
        links.add(next);
      }
    }
    return new Counts(
        pages.stream().mapToInt(Counts::total).sum(),
        pages.stream().mapToInt(Counts::succeeded).sum());
  }
}
