package dev.deploysim.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes of a scenario file as text: UTF-8 (a byte-order mark some editors write is dropped),
 * of bounded size. What keeps a file from being text is a located problem like any other: the line
 * and column of the first byte that is not UTF-8, or of the first character past the size limit.
 */
public final class ScenarioText {
  private ScenarioText() {}

  /** Bytes read of a file at most: a scenario is a few kilobytes; a device or pipe may never end. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  /** The text, or (text null) the problem that keeps the bytes from being a scenario's text. */
  public record Decoded(String text, LoadResult problem) {
    public boolean ok() {
      return text != null;
    }
  }

  /** Reads at most {@link #MAX_BYTES} (and one more, to tell a larger file) and decodes them. */
  public static Decoded read(InputStream in, String displayName) throws IOException {
    return decode(in.readNBytes(MAX_BYTES + 1), displayName);
  }

  /**
   * Decodes a file's bytes; more than {@link #MAX_BYTES} (a file read in part) or more than {@link
   * YamlReader#MAX_CODE_POINTS} characters is too large.
   */
  public static Decoded decode(byte[] bytes, String displayName) {
    if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
      return problem(displayName, 1, 1, "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); "
          + "a scenario is UTF-8", "save it as UTF-8");
    }
    boolean cut = bytes.length > MAX_BYTES;
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, MAX_BYTES));
    CharBuffer out = CharBuffer.allocate(in.remaining());
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // a file read in part may end inside a character: that is not a mistake of the file
    CoderResult r = decoder.decode(in, out, !cut);
    if (r.isError()) {
      out.flip();
      int[] at = position(out);
      int bad = bytes[in.position()] & 0xFF;
      return problem(displayName, at[0], at[1], String.format(java.util.Locale.ROOT,
          "the file is not UTF-8 text: byte 0x%02X here is not part of a UTF-8 character", bad),
          "save it as UTF-8; a scenario is text, not a binary file");
    }
    if (!cut) {
      decoder.flush(out);
    }
    out.flip();
    String text = out.toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (cut || tooLarge(text)) {
      int[] at = limit(text);
      return problem(displayName, at[0], at[1], TOO_LARGE, null);
    }
    return new Decoded(text, null);
  }

  /** The message for a file over the size limit. */
  static final String TOO_LARGE = "the file is too large: a scenario has at most " + YamlReader.MAX_CODE_POINTS
      + " characters, and this one goes on past here (a scenario is a few kilobytes)";

  static boolean tooLarge(String text) {
    return text.length() > YamlReader.MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > YamlReader.MAX_CODE_POINTS;
  }

  /** Line and column of the first character past the size limit (or of the end of a shorter text). */
  static int[] limit(String text) {
    int n = Math.min(YamlReader.MAX_CODE_POINTS, text.codePointCount(0, text.length()));
    return position(CharBuffer.wrap(text, 0, text.offsetByCodePoints(0, n)));
  }

  /** 1-based line and column of the position just after the text (columns count characters). */
  private static int[] position(CharSequence text) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String last = text.subSequence(lineStart, text.length()).toString();
    return new int[] {line, last.codePointCount(0, last.length()) + 1};
  }

  private static boolean startsWith(byte[] bytes, int first, int second) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == first && (bytes[1] & 0xFF) == second;
  }

  private static Decoded problem(String file, int line, int column, String message, String hint) {
    return new Decoded(null, new LoadResult(null, List.of(new ScenarioError(file, line, column, "", message, hint))));
  }
}
