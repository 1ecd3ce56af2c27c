package io.fluxrp.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the stock watch listener to fix two things.
 *
 * <ul>
 *   <li>It sends an ADDED event for every existing object when a watch opens, whatever
 *       resourceVersion the client asked to start after. A real API server sends only what changed
 *       after that version, so replayed ADDED events of objects no newer than it are dropped.
 *   <li>When the client closes the watch, it waits on the server's event loop for its sender
 *       thread, which may itself wait on that event loop to write an event: both hang for 30 s and
 *       the server cannot be shut down. The close is handed to another thread instead.
 * </ul>
 */
final class FixedWatchListener extends WebSocketListener {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WebSocketListener delegate;
  private final long startAfterVersion;
  private final AtomicReference<WebSocket> filtered = new AtomicReference<>();

  FixedWatchListener(WebSocketListener delegate, long startAfterVersion) {
    this.delegate = delegate;
    this.startAfterVersion = startAfterVersion;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    delegate.onBeforeAccept(filter(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    delegate.onOpen(filter(webSocket), response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    delegate.onMessage(filter(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    delegate.onMessage(filter(webSocket), bytes);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    delegate.onMessage(filter(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    delegate.onClosing(filter(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    Thread.ofVirtual().start(() -> delegate.onClosed(filter(webSocket), code, reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    Thread.ofVirtual().start(() -> delegate.onFailure(filter(webSocket), failure, response));
  }

  private WebSocket filter(WebSocket webSocket) {
    return filtered.updateAndGet(
        existing -> existing != null ? existing : new FilteringWebSocket(webSocket));
  }

  private boolean isReplayedBeforeStart(String event) {
    try {
      JsonNode node = MAPPER.readTree(event);
      String version = node.path("object").path("metadata").path("resourceVersion").asText("");
      return startAfterVersion > 0
          && "ADDED".equals(node.path("type").asText())
          && version.matches("\\d+")
          && Long.parseLong(version) <= startAfterVersion;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class FilteringWebSocket implements WebSocket {
    private final WebSocket webSocket;

    FilteringWebSocket(WebSocket webSocket) {
      this.webSocket = webSocket;
    }

    @Override
    public RecordedRequest request() {
      return webSocket.request();
    }

    @Override
    public boolean send(String text) {
      return isReplayedBeforeStart(text) || webSocket.send(text);
    }

    @Override
    public boolean send(byte[] bytes) {
      return isReplayedBeforeStart(new String(bytes, StandardCharsets.UTF_8))
          || webSocket.send(bytes);
    }

    @Override
    public boolean close(int code, String reason) {
      return webSocket.close(code, reason);
    }
  }
}
