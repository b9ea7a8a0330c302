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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A folder that output files are written into. Each file is written to a temporary file in the same
 * folder and then moved over its final name in one step, so a reader (or a crash) never sees half a
 * file. Nothing else in the folder is touched. Problems with the folder or the disk are the user's
 * to fix and surface as {@link UserError} with one line naming the path.
 *
 * <p>A {@linkplain #staged staged} folder writes a command's whole set of files into a hidden
 * folder inside the output folder ({@code .sim-<pid>-<n>.tmp}) and moves them into place only at
 * {@link #commit()}: a command that fails half way, or is interrupted (SIGINT, SIGTERM: a shutdown
 * hook removes the hidden folder), leaves the previous files and no temporary one.
 */
public final class OutputFolder implements AutoCloseable {
  private static final AtomicInteger STAGINGS = new AtomicInteger();
  private static final Temporaries TEMPORARIES = new Temporaries();

  private final Path dir;
  /** Where files go until {@link #commit()}; null: straight into {@link #dir}, one file at a time. */
  private final Path staging;
  private final Set<String> staged = new LinkedHashSet<>();
  private boolean finished;

  private OutputFolder(Path dir, Path staging) {
    this.dir = dir;
    this.staging = staging;
  }

  /**
   * Opens {@code dir} (created when needed) so that nothing appears in it until {@link #commit()},
   * which moves every file written into place; {@link #close()} without a commit removes them all.
   */
  public static OutputFolder staged(Path dir) {
    open(dir);
    Path staging = dir.resolve(".sim-" + ProcessHandle.current().pid() + "-" + STAGINGS.getAndIncrement() + ".tmp");
    try {
      TEMPORARIES.add(staging);
      Files.createDirectory(staging);
    } catch (IOException e) {
      TEMPORARIES.remove(staging);
      throw new UserError("cannot write to output folder " + dir + ": " + reason(e));
    }
    return new OutputFolder(dir, staging);
  }

  /**
   * Moves every staged file into place (in the order written), then removes the hidden folder. An
   * interruption waits for the moves to end, so it finds either none or all of them done.
   */
  public void commit() {
    if (staging == null || finished) {
      return;
    }
    synchronized (Temporaries.LOCK) {
      if (TEMPORARIES.shuttingDown) {
        throw new UserError("interrupted before the outputs were moved into " + dir);
      }
      for (String name : staged) {
        // what would stop a move is found before the first one: all the files move, or none
        if (Files.isDirectory(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          throw new UserError("cannot write " + dir.resolve(name) + ": a folder of that name is in the way");
        }
      }
      for (String name : staged) {
        Path target = dir.resolve(name);
        try {
          move(staging.resolve(name), target);
        } catch (IOException e) {
          throw new UserError("cannot write " + target + ": " + reason(e));
        }
      }
      finished = true;
      TEMPORARIES.delete(staging);
    }
  }

  /** Without a {@link #commit()}: removes every staged file; the folder keeps what it had. */
  @Override
  public void close() {
    if (staging == null || finished) {
      return;
    }
    synchronized (Temporaries.LOCK) {
      finished = true;
      TEMPORARIES.delete(staging);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
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
    return new OutputFolder(dir, null);
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

  /**
   * Writes {@code name} atomically: temp file in the same folder, then one move (in a staged folder:
   * into the hidden folder, moved into place at {@link #commit()}). Returns the file's final path.
   */
  public Path write(String name, Content content) {
    try (Stream s = stream(name)) {
      try {
        content.writeTo(s.bytes);
      } catch (IOException e) {
        throw new UserError("cannot write " + s.target + ": " + reason(e));
      }
      return s.commit();
    }
  }

  /** Where a finished file goes now: its name in the folder, or in the hidden folder until the commit. */
  private Path place(String name) {
    if (staging == null) {
      return dir.resolve(name);
    }
    if (finished) {
      throw new IllegalStateException("the outputs of " + dir + " were already committed or discarded");
    }
    staged.add(name);
    return staging.resolve(name);
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
        return new Stream(tmp, target, () -> place(name), Files.newOutputStream(tmp, StandardOpenOption.WRITE));
      } catch (IOException e) {
        TEMPORARIES.delete(tmp);
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
    private final java.util.function.Supplier<Path> place;
    /** The file's bytes, for {@link #write(String, Content)}; text goes through {@link #writer}. */
    private final OutputStream bytes;
    private final Writer writer;
    private boolean done;

    private Stream(Path tmp, Path target, java.util.function.Supplier<Path> place, OutputStream bytes) {
      this.tmp = tmp;
      this.target = target;
      this.place = place;
      this.bytes = bytes;
      this.writer = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
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
        move(tmp, place.get());
        TEMPORARIES.remove(tmp);
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
      TEMPORARIES.delete(tmp);
    }
  }

  /**
   * A new hidden temp file next to the target, created with the default permissions (unlike
   * Files.createTempFile, which makes it private to the owner).
   */
  private Path createTemp(String name) throws IOException {
    Path in = staging != null ? staging : dir;
    String base = "." + name + "." + ProcessHandle.current().pid() + ".";
    for (int i = 0; ; i++) {
      Path p = in.resolve(base + i + ".tmp");
      try {
        TEMPORARIES.add(p);
        Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return p;
      } catch (FileAlreadyExistsException e) {
        TEMPORARIES.remove(p);
        if (i > 1000) {
          throw e;
        }
      } catch (IOException e) {
        TEMPORARIES.remove(p);
        throw e;
      }
    }
  }

  /**
   * The temporary files and hidden folders of this process, removed by a shutdown hook when the
   * process ends before they are (an interrupt: SIGINT, SIGTERM). Registered before they are
   * created, so none escapes; the hook and {@link #commit()} exclude each other.
   */
  private static final class Temporaries {
    static final Object LOCK = new Object();
    private final Set<Path> paths = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean hooked;
    boolean shuttingDown;

    void add(Path p) throws IOException {
      synchronized (LOCK) {
        if (shuttingDown) {
          throw new IOException("interrupted");
        }
        if (!hooked) {
          Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "sim-remove-temporaries"));
          hooked = true;
        }
        paths.add(p);
      }
    }

    void remove(Path p) {
      paths.remove(p);
    }

    /** Deletes a temporary file or hidden folder (with what is in it); best effort. */
    void delete(Path p) {
      deleteTree(p);
      paths.remove(p);
    }

    private void removeAll() {
      synchronized (LOCK) {
        shuttingDown = true;
        for (Path p : paths) {
          deleteTree(p);
        }
        paths.clear();
      }
    }

    private static void deleteTree(Path p) {
      try {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (java.util.stream.Stream<Path> inside = Files.list(p)) {
            for (Path q : (Iterable<Path>) inside::iterator) {
              deleteTree(q);
            }
          }
        }
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort: the file is ours, and the folder is left as it was
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
