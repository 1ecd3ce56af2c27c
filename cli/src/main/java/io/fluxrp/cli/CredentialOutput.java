package io.fluxrp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where an agent credential goes: stdout (alone on its line, so {@code CRED=$(...)} works) or, with
 * {@code --credential-file}, a new file of mode 0600. The file is created before the request, so an
 * existing file or an unwritable place fails before the server issues a credential that would be
 * lost; it is removed again when no credential comes.
 */
final class CredentialOutput {

  @Option(
      names = "--credential-file",
      paramLabel = "FILE",
      converter = DataDirOption.PathConverter.class,
      description =
          "Write the agent credential to FILE (created with mode 0600; an existing file is not"
              + " overwritten) instead of stdout.")
  Path file;

  /** Opens the destination: creates the file now, when there is one. */
  Sink open(PrintWriter out) {
    if (file == null) {
      return new Sink(out, null, null);
    }
    try {
      FileChannel channel;
      Set<StandardOpenOption> options =
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        channel =
            FileChannel.open(
                file,
                options,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        channel = FileChannel.open(file, options);
      }
      return new Sink(out, file, channel);
    } catch (FileAlreadyExistsException e) {
      throw new CliException(file + " exists already; not overwriting it (choose another file)");
    } catch (IOException e) {
      throw new CliException("cannot create " + file + ": " + Errors.oneLine(e), e);
    }
  }

  /** One credential's destination; closing it without a credential removes the new file. */
  static final class Sink implements AutoCloseable {
    private final PrintWriter out;
    private final Path file;
    private final FileChannel channel;
    private boolean written;

    private Sink(PrintWriter out, Path file, FileChannel channel) {
      this.out = out;
      this.file = file;
      this.channel = channel;
    }

    /** The file, or null for stdout. */
    Path file() {
      return file;
    }

    /** Where the credential went, for the summary on stderr. */
    String where() {
      return file == null ? "printed on stdout" : "written to " + file;
    }

    void write(String credential) {
      if (channel == null) {
        out.println(credential);
        out.flush();
        written = true;
        return;
      }
      try {
        ByteBuffer bytes = ByteBuffer.wrap((credential + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
        written = true;
      } catch (IOException e) {
        throw new CliException(
            "cannot write the credential to "
                + file
                + ": "
                + Errors.oneLine(e)
                + "; it is lost: rotate-credential makes a new one",
            e);
      }
    }

    @Override
    public void close() {
      if (channel == null) {
        return;
      }
      try {
        channel.close();
        if (!written) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new CliException("cannot close " + file + ": " + Errors.oneLine(e), e);
      }
    }
  }
}
