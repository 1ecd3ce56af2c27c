package io.fluxrp.agent.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent credential, read from a file (a mounted Secret in a cluster). Read again when the
 * server refuses it, so a rotated credential takes effect without a restart.
 */
public final class TokenFile {
  private final Path path;
  private volatile String token;

  public TokenFile(Path path) {
    this.path = path;
    this.token = read(path);
  }

  public String token() {
    return token;
  }

  /** Reads the file again; true when it holds another credential than before. */
  public boolean reload() {
    String fresh = read(path);
    boolean changed = !fresh.equals(token);
    token = fresh;
    return changed;
  }

  static String read(Path path) {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("the token file " + path + " is empty");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token file " + path + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "TokenFile[" + path + "]";
  }
}
