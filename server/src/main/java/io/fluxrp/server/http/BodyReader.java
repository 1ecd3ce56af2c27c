package io.fluxrp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads a JSON request body: content type, the 4 MB limit, strict parsing; each failure an ARM
 * error.
 */
public final class BodyReader {
  /** ARM rejects request bodies over 4 MB. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private BodyReader() {}

  public static void checkContentType(String contentType) {
    if (contentType == null) {
      throw new ArmException(
          ArmErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The request has a body but no Content-Type header; send 'Content-Type: application/json'.");
    }
    String lower = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    String mediaType = lower.split(";", 2)[0];
    boolean json =
        mediaType.equals("application/json") || mediaType.equals("application/merge-patch+json");
    boolean utf8 = !lower.contains("charset=") || lower.contains("charset=utf-8");
    if (!json || !utf8) {
      throw new ArmException(
          ArmErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The content type '"
              + contentType
              + "' is not supported; send 'Content-Type: application/json' (UTF-8).");
    }
  }

  public static JsonNode read(InputStream in, OptionalLong contentLength) {
    if (contentLength.isPresent() && contentLength.getAsLong() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes = readLimited(in);
    if (bytes.length == 0) {
      throw new ArmException(
          ArmErrorCode.INVALID_REQUEST_CONTENT,
          "The request body is empty; a JSON object is required.");
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (CharConversionException e) {
      throw new ArmException(
          ArmErrorCode.INVALID_REQUEST_CONTENT, "The request body is not valid UTF-8 text.");
    } catch (JsonProcessingException e) {
      throw new ArmException(
          ArmErrorCode.INVALID_REQUEST_CONTENT,
          "The request body is not valid JSON" + reason(e) + location(e) + ".");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readLimited(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException | UncheckedIOException e) {
      throw new ArmException(
          ArmErrorCode.INVALID_REQUEST_CONTENT,
          "The request body could not be read completely (the connection ended before its end).");
    }
  }

  /**
   * Why parsing failed, without quoting the body: the body may hold secrets, and an error message
   * must never echo one.
   */
  private static String reason(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field")) {
      return ": " + original.split("\n", 2)[0];
    }
    if (original.contains("nesting depth")) {
      return ": the document is nested too deeply";
    }
    if (original.contains("String value length") || original.contains("Number value length")) {
      return ": a value is too long";
    }
    if (original.startsWith("Unexpected end-of-input")) {
      return ": it ends too early";
    }
    return "";
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
      return "";
    }
    return " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }

  private static ArmException tooLarge() {
    return new ArmException(
        ArmErrorCode.REQUEST_ENTITY_TOO_LARGE,
        "The request body is larger than the limit of " + MAX_BYTES + " bytes (4 MB).");
  }
}
