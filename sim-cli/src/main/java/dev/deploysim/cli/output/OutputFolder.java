package dev.deploysim.cli.output;

import dev.deploysim.cli.text.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A folder that output files are written into. Each file is written to a temporary file in the same
 * folder and then moved over its final name in one step, so a reader (or a crash) never sees half a
 * file. Nothing else in the folder is touched. Problems with the folder or the disk are the user's
 * to fix and surface as {@link UserError} with one line naming the path.
 */
public final class OutputFolder {
  private final Path dir;

  private OutputFolder(Path dir) {
    this.dir = dir;
  }

  /** Creates the folder (and its parents) when needed and checks that files can be written there. */
  public static OutputFolder open(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("cannot write outputs to " + dir + ": it is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("cannot create output folder " + dir + ": " + reason(e));
    }
    if (!Files.isWritable(dir)) {
      throw new UserError("cannot write to output folder " + dir + ": permission denied");
    }
    return new OutputFolder(dir);
  }

  public Path path() {
    return dir;
  }

  public Path write(String name, String text) {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String name, byte[] bytes) {
    return write(name, out -> out.write(bytes));
  }

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code name} atomically: temp file in the same folder, then one move. */
  public Path write(String name, Content content) {
    checkName(name);
    Path target = dir.resolve(name);
    Path tmp = null;
    try {
      tmp = createTemp(name);
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return target;
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + reason(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temp file is ours, a leftover is harmless
        }
      }
    }
  }

  private static void checkName(String name) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
  }

  /**
   * Starts writing {@code name} bit by bit (rows streamed while simulations run): the text goes to a
   * temp file in the folder, which {@link Stream#commit()} moves over the name in one step. Closing
   * a stream that was not committed deletes its temp file, so a failed run leaves the previous file.
   */
  public Stream stream(String name) {
    checkName(name);
    Path target = dir.resolve(name);
    try {
      Path tmp = createTemp(name);
      try {
        Writer w = new BufferedWriter(new OutputStreamWriter(
            Files.newOutputStream(tmp, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        return new Stream(tmp, target, w);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + reason(e));
    }
  }

  /** A file being written; see {@link #stream(String)}. */
  public static final class Stream implements AutoCloseable {
    private final Path tmp;
    private final Path target;
    private final Writer writer;
    private boolean done;

    private Stream(Path tmp, Path target, Writer writer) {
      this.tmp = tmp;
      this.target = target;
      this.writer = writer;
    }

    public void write(CharSequence text) {
      try {
        writer.append(text);
      } catch (IOException e) {
        throw new UserError("cannot write " + target + ": " + reason(e));
      }
    }

    /** Finishes the file and moves it into place. */
    public Path commit() {
      try {
        writer.close();
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
        return target;
      } catch (IOException e) {
        throw new UserError("cannot write " + target + ": " + reason(e));
      } finally {
        close();
      }
    }

    /** Deletes the temp file unless the stream was committed. */
    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        writer.close();
      } catch (IOException ignored) {
        // the file is being thrown away
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the temp file is ours, a leftover is harmless
      }
    }
  }

  /**
   * A new hidden temp file next to the target, created with the default permissions (unlike
   * Files.createTempFile, which makes it private to the owner).
   */
  private Path createTemp(String name) throws IOException {
    String base = "." + name + "." + ProcessHandle.current().pid() + ".";
    for (int i = 0; ; i++) {
      Path p = dir.resolve(base + i + ".tmp");
      try {
        Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return p;
      } catch (FileAlreadyExistsException e) {
        if (i > 1000) {
          throw e;
        }
      }
    }
  }

  /** A short reason for an I/O failure, without the exception class name. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
