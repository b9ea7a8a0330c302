package dev.deploysim.format;

/**
 * One key of a strategy's parameters (or of the scenario format). Its {@code defaultValue} is the
 * one place the default lives: the loader and {@link StrategyParams#bind} apply it, {@code sim
 * strategies} and the JSON Schema show it, so a strategy reads the bound value and never restates
 * the default.
 *
 * @param name the key in the scenario file
 * @param type what it may hold
 * @param defaultValue default value (a number may be written as an int where the type binds a
 *     Double: {@link #boundDefault} converts it), or null (no default; see {@code required})
 * @param required whether the key must be present
 * @param awsName the platform's own name for the setting (e.g. "BatchSize"), or null
 * @param description one line: meaning and, where it is an assumption, why this default
 */
public record ParamSpec(
    String name, ParamType type, Object defaultValue, boolean required, String awsName, String description) {

  public ParamSpec {
    if (defaultValue != null && !ParamType.holds(type, Binding.normalize(type, defaultValue))) {
      throw new IllegalArgumentException("the default of " + name + " (" + defaultValue + ") is not a "
          + type.describe());
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(name + " is required and has a default: it can only be one");
    }
  }

  public static ParamSpec optional(String name, ParamType type, Object defaultValue, String awsName, String description) {
    return new ParamSpec(name, type, defaultValue, false, awsName, description);
  }

  public static ParamSpec required(String name, ParamType type, String awsName, String description) {
    return new ParamSpec(name, type, null, true, awsName, description);
  }

  /** The default as the type binds it (600 for a duration reads as 600.0); null without a default. */
  public Object boundDefault() {
    return defaultValue == null ? null : Binding.normalize(type, defaultValue);
  }
}
