package dev.deploysim.cli.importer;

/**
 * Where a value of an imported scenario comes from, written as the comment after it: a place in an
 * input file, a platform's documented default that the files leave out, or an assumption the user
 * should replace with their own figure.
 */
public sealed interface Provenance {

  /** The comment text, without the leading {@code #}. */
  String comment();

  /**
   * Read from a file. {@code where} is the literal value; {@code via} the setting that led to it
   * when that differs (a property that refers to a parameter's default), else null; {@code note}
   * an optional remark.
   */
  record FromFile(Where where, String via, String note) implements Provenance {
    @Override
    public String comment() {
      StringBuilder b = new StringBuilder("from ").append(where.fileAndLine());
      if (!where.path().isEmpty()) {
        b.append(' ').append(where.path());
      }
      if (via != null && !via.equals(where.path())) {
        b.append(" via ").append(via);
      }
      if (note != null && !note.isEmpty()) {
        b.append(" (").append(note).append(')');
      }
      return b.toString();
    }
  }

  /** Not in the files; the platform documents this default, and the scenario's own default differs. */
  record PlatformDefault(String what) implements Provenance {
    @Override
    public String comment() {
      return "default: " + what;
    }
  }

  /** Not in the files and not documented: a stand-in the user should replace. */
  record Assumed(String why) implements Provenance {
    @Override
    public String comment() {
      return "assumed: " + why;
    }
  }

  static Provenance from(Where where) {
    return new FromFile(where, null, null);
  }

  static Provenance assumed(String why) {
    return new Assumed(why);
  }

  static Provenance platformDefault(String what) {
    return new PlatformDefault(what);
  }
}
