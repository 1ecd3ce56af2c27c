package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LIST over 250 configurations: pages, nextLink, $top, $skipToken. */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ListPagingTest {
  private static final String CLUSTER =
      "/subscriptions/subId1/resourceGroups/rg-paging/providers/Microsoft.ContainerService/managedClusters/aks1";
  private static final String COLLECTION =
      CLUSTER + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
  private static final int COUNT = 250;

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();

  @RegisterExtension
  static final SharedTestServer behindProxy =
      SharedTestServer.with(c -> c.toBuilder().trustForwardedHeaders(true).build());

  private static final Map<String, String> FORWARDED =
      Map.of("X-Forwarded-Host", "fluxrp.example.com", "X-Forwarded-Proto", "https");
  private static final ArmClient client = server.client();
  private static List<String> names;

  @BeforeAll
  static void create() throws Exception {
    names = IntStream.range(0, COUNT).mapToObj(i -> String.format("cfg-%03d", i)).toList();
    // created out of order: the listing orders by name, not by creation
    List<String> shuffled = new ArrayList<>(names);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    // a few at a time (not on the common fork-join pool: the JDK HTTP client completes on it)
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<ArmClient.Response>> puts = new ArrayList<>();
      for (String name : shuffled) {
        puts.add(pool.submit(() -> client.put(v(COLLECTION + "/" + name), Bodies.git())));
      }
      for (Future<ArmClient.Response> put : puts) {
        assertThat(put.get().status()).as("%s", put.get()).isEqualTo(201);
      }
    }
    server.syncClusters();
  }

  /** Follows nextLink from {@code first} to the end; returns the page sizes and the names. */
  private static List<List<String>> pages(String first, Map<String, String> headers, String host) {
    List<List<String>> pages = new ArrayList<>();
    String next = first;
    while (next != null) {
      ArmClient.Response page = client.send("GET", next, null, headers);
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      Arm.assertCommonHeaders(page);
      JsonNode body = page.json();
      List<String> pageNames = new ArrayList<>();
      for (JsonNode item : body.path("value")) {
        pageNames.add(item.path("name").asText());
        assertThat(item.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(item.path("id").asText())
            .isEqualTo(COLLECTION + "/" + item.path("name").asText());
      }
      pages.add(pageNames);
      JsonNode nextLink = body.get("nextLink");
      if (nextLink == null || nextLink.isNull()) {
        next = null;
      } else {
        next = nextLink.asText();
        URI uri = URI.create(next);
        assertThat(next).startsWith(host + COLLECTION + "?");
        assertThat(uri.getQuery()).contains("api-version=2025-04-01").contains("$skipToken=");
        if (pages.size() > COUNT + 1) {
          throw new AssertionError("nextLink does not end: " + next);
        }
      }
    }
    return pages;
  }

  @Test
  void topOf100GivesPagesOf100And100And50() {
    List<List<String>> pages =
        pages(v(COLLECTION) + "&$top=100", Map.of(), client.base().toString());

    assertThat(pages).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(names);
  }

  @Test
  void withoutTopThePageSizeIs100() {
    List<List<String>> pages = pages(v(COLLECTION), Map.of(), client.base().toString());

    assertThat(pages).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(names);
  }

  @Test
  void otherPageSizesCoverEverythingOnce() {
    List<List<String>> sevens =
        pages(v(COLLECTION) + "&$top=7", Map.of(), client.base().toString());
    assertThat(sevens).hasSize(36);
    assertThat(sevens.get(35)).hasSize(5);
    assertThat(sevens.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(names);

    List<List<String>> all =
        pages(v(COLLECTION) + "&$top=1000", Map.of(), client.base().toString());
    assertThat(all).hasSize(1);
    assertThat(all.get(0)).containsExactlyElementsOf(names);

    List<List<String>> exact =
        pages(v(COLLECTION) + "&$top=250", Map.of(), client.base().toString());
    assertThat(exact.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(names);
  }

  @Test
  void nextLinkIsBuiltOnTheHostTheClientUsed() {
    ArmClient.Response first = client.get(v(COLLECTION) + "&$top=100");
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.json().path("nextLink").asText()).startsWith(client.base() + COLLECTION + "?");
  }

  @Test
  void forwardedHeadersAreIgnoredUnlessTheServerIsToldToTrustThem() {
    ArmClient.Response direct = client.send("GET", v(COLLECTION) + "&$top=100", null, FORWARDED);
    assertThat(direct.json().path("nextLink").asText())
        .as("a client cannot point another client's polling at a host of its choice")
        .startsWith(client.base() + COLLECTION + "?");

    ArmClient proxied = behindProxy.client();
    for (String name : List.of("a", "b", "c")) {
      assertThat(proxied.put(v(COLLECTION + "/" + name), Bodies.git()).status()).isEqualTo(201);
    }
    ArmClient.Response first = proxied.send("GET", v(COLLECTION) + "&$top=2", null, FORWARDED);
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    String nextLink = first.json().path("nextLink").asText();
    assertThat(nextLink).startsWith("https://fluxrp.example.com" + COLLECTION + "?");
    // the same link, sent to this server, continues the listing with the last name
    String local = proxied.base() + nextLink.substring("https://fluxrp.example.com".length());
    ArmClient.Response second = proxied.get(local);
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(second.json().at("/value/0/name").asText()).isEqualTo("c");
    assertThat(second.json().path("value")).hasSize(1);
  }

  @Test
  void invalidTopIs400() {
    // "$top=" (present but empty) included
    for (String top : new String[] {"0", "-1", "1001", "ten", "1.5", ""}) {
      ArmClient.Response response = client.get(v(COLLECTION) + "&$top=" + top);
      JsonNode error = Arm.assertError(response, 400, "InvalidQueryParameter");
      assertThat(error.path("target").asText()).as("$top=%s", top).isEqualTo("$top");
    }
  }

  @Test
  void aForgedSkipTokenIs400() {
    for (String token :
        new String[] {"garbage", "n1.", "n1.!!!", "cfg-100", "n2.Y2ZnLTEwMA", "%00"}) {
      ArmClient.Response response = client.get(v(COLLECTION) + "&$skipToken=" + token);
      JsonNode error = Arm.assertError(response, 400, "InvalidQueryParameter");
      assertThat(error.path("target").asText()).isEqualTo("$skipToken");
    }
  }

  @Test
  void anEmptyCollectionIs200WithNoNextLink() {
    String empty =
        "/subscriptions/subId1/resourceGroups/rg-paging/providers/Microsoft.Kubernetes/connectedClusters/empty"
            + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";

    ArmClient.Response response = client.get(v(empty));

    assertThat(response.status()).isEqualTo(200);
    Arm.assertCommonHeaders(response);
    assertThat(response.json()).isEqualTo(Bodies.parse("{\"value\": []}"));
    assertThat(client.get(v(empty) + "&$top=5").json()).isEqualTo(Bodies.parse("{\"value\": []}"));
  }

  @Test
  void listIsCaseInsensitiveInThePathAndShowsTheStoredCasing() {
    ArmClient.Response response =
        client.get(
            v(
                    COLLECTION
                        .toUpperCase(java.util.Locale.ROOT)
                        .replace("SUBSCRIPTIONS", "subscriptions"))
                + "&$top=3");
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("value").forEach(item -> ids.add(item.path("id").asText()));
    assertThat(ids)
        .containsExactly(COLLECTION + "/cfg-000", COLLECTION + "/cfg-001", COLLECTION + "/cfg-002");
  }
}
