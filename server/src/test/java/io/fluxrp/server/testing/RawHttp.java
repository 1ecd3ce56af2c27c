package io.fluxrp.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: any bytes in
 * the request target and header values, bodies of raw bytes. One keep-alive connection, reopened
 * when the server closes it. Reads time out after 10 s, so a hang fails instead of blocking.
 */
public final class RawHttp implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final URI base;
  private Socket socket;
  private InputStream in;

  public RawHttp(URI base) {
    this.base = base;
  }

  /**
   * Sends {@code method target} with {@code headers} (Host and, with a body, Content-Length are
   * added) and reads the whole response. The target is sent byte for byte as ISO-8859-1.
   */
  public synchronized ArmClient.Response send(
      String method, String target, Map<String, String> headers, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(latin1(method + " " + target + " HTTP/1.1\r\n"));
    request.writeBytes(latin1("Host: localhost:" + base.getPort() + "\r\n"));
    headers.forEach((name, value) -> request.writeBytes(latin1(name + ": " + value + "\r\n")));
    if (body != null) {
      request.writeBytes(latin1("Content-Length: " + body.length + "\r\n"));
    }
    request.writeBytes(latin1("\r\n"));
    if (body != null) {
      request.writeBytes(body);
    }
    try {
      return exchange(request.toByteArray(), method.equals("HEAD"));
    } catch (IOException e) {
      closeSocket();
      throw new UncheckedIOException("no answer to " + method + " " + abbreviate(target), e);
    }
  }

  private ArmClient.Response exchange(byte[] request, boolean head) throws IOException {
    for (int attempt = 0; ; attempt++) {
      boolean reused = socket != null;
      open();
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        ArmClient.Response response = readResponse(in, head);
        // after an error the server may not have read all of the request: start afresh
        if (response.status() >= 400
            || response.header("connection").map("close"::equalsIgnoreCase).orElse(false)) {
          closeSocket();
        }
        return response;
      } catch (IOException e) {
        closeSocket();
        // a kept-alive connection the server closed in the meantime: once more on a new one
        if (!reused || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void open() throws IOException {
    if (socket == null) {
      socket = connect(base);
      in = new BufferedInputStream(socket.getInputStream());
    }
  }

  /** A connected socket to the server of {@code base} with the read timeout set. */
  public static Socket connect(URI base) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("localhost", base.getPort()), READ_TIMEOUT_MILLIS);
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    return s;
  }

  /** Reads one response (status line, headers, body by Content-Length, chunks or EOF). */
  public static ArmClient.Response readResponse(InputStream in, boolean head) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int code = 100;
    while (code / 100 == 1) { // interim answers (100 Continue) come before the response
      String status = line(in);
      if (status == null) {
        throw new IOException("connection closed before a response");
      }
      headers.clear();
      for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      code = statusCode(status);
    }
    byte[] body = head || code == 204 || code == 304 ? new byte[0] : body(in, headers);
    return new ArmClient.Response(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static int statusCode(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ");
    if (!statusLine.startsWith("HTTP/1.") || parts.length < 2 || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
    }
    return Integer.parseInt(parts[1]);
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    if (headers.containsKey("content-length")) {
      return in.readNBytes(Integer.parseInt(headers.get("content-length")));
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        out.writeBytes(in.readNBytes(size));
        line(in);
      }
      line(in);
      return out.toByteArray();
    }
    headers.put("connection", "close");
    return in.readAllBytes();
  }

  private static int chunkSize(InputStream in) throws IOException {
    String line = line(in);
    return line == null ? 0 : Integer.parseInt(line.split(";", 2)[0].trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  public static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
  }

  /** Writes everything to a stream, for raw senders that keep their own sockets. */
  public static void write(OutputStream out, String text) throws IOException {
    out.write(latin1(text));
    out.flush();
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
      socket = null;
      in = null;
    }
  }

  @Override
  public synchronized void close() {
    closeSocket();
  }
}
