package io.fluxrp.server.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read (key files): created with mode 0600 in a 0700 directory, written
 * whole (a temp file synced, then linked or moved into place), never half-written.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private PrivateFiles() {}

  /** Creates {@code dir} (mode 0700 where POSIX) and its parents unless it exists. */
  public static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir);
    }
  }

  /**
   * Makes {@code bytes} the content of {@code file} unless it exists already: writes a 0600 temp
   * file next to it, then links (or, where links are not supported, moves) it into place.
   * Concurrent creators, also in other processes, end up with one of their contents.
   *
   * @return whether this call created the file
   */
  public static boolean createIfAbsent(Path file, byte[] bytes) throws IOException {
    Path tmp = writeTemp(file, bytes);
    try {
      boolean created;
      try {
        // a hard link fails when the target exists: a concurrent creator's file is never replaced
        Files.createLink(file, tmp);
        created = true;
      } catch (FileAlreadyExistsException e) {
        created = false;
      } catch (UnsupportedOperationException | IOException e) {
        created = !Files.exists(file);
        if (created) {
          move(tmp, file);
        }
      }
      syncDirectory(file.getParent());
      return created;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Replaces the content of {@code file} with {@code bytes} atomically (mode 0600). */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path tmp = writeTemp(file, bytes);
    try {
      move(tmp, file);
      syncDirectory(file.getParent());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The mode of {@code file} (as {@code rw-r--r--}) when group or others have any access to it;
   * empty when only its owner has, or the file system has no POSIX permissions.
   */
  public static Optional<String> looseMode(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return Optional.empty();
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    return OWNER_READ_WRITE.containsAll(perms)
        ? Optional.empty()
        : Optional.of(PosixFilePermissions.toString(perms));
  }

  /** What went wrong with a file operation under {@code dir}, in one line for the user. */
  public static String describe(IOException e, Path dir) {
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    }
    if (e instanceof NotDirectoryException f) {
      return f.getFile() + " is not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String reason = lowerFirst(f.getReason());
      return f.getFile() == null || f.getFile().equals(dir.toString())
          ? reason
          : f.getFile() + ": " + reason;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Path writeTemp(Path file, byte[] bytes) throws IOException {
    Path dir = file.getParent();
    String prefix = "." + file.getFileName() + "-";
    Path tmp;
    try {
      tmp =
          Files.createTempFile(
              dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
    } catch (UnsupportedOperationException e) {
      tmp = Files.createTempFile(dir, prefix, ".tmp");
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException notAtomic) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can open or sync a directory; the file itself was synced
    }
  }

  private static String lowerFirst(String s) {
    return s.length() > 1
            && Character.isUpperCase(s.charAt(0))
            && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1)
        : s;
  }
}
