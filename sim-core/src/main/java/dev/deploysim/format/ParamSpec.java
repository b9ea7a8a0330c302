package dev.deploysim.format;

/**
 * One key of a strategy's parameters (or of the scenario format).
 *
 * @param name the key in the scenario file
 * @param type what it may hold
 * @param defaultValue bound default value, or null (no default; see {@code required})
 * @param required whether the key must be present
 * @param awsName the platform's own name for the setting (e.g. "BatchSize"), or null
 * @param description one line: meaning and, where it is an assumption, why this default
 */
public record ParamSpec(
    String name, ParamType type, Object defaultValue, boolean required, String awsName, String description) {

  public static ParamSpec optional(String name, ParamType type, Object defaultValue, String awsName, String description) {
    return new ParamSpec(name, type, defaultValue, false, awsName, description);
  }

  public static ParamSpec required(String name, ParamType type, String awsName, String description) {
    return new ParamSpec(name, type, null, true, awsName, description);
  }
}
