/**
 * The vocabulary of the scenario format that strategy types also speak: parameter types and their
 * wording ({@link dev.deploysim.format.ParamType}), parameter specifications with defaults and help
 * ({@link dev.deploysim.format.ParamSpec}), a type's bound parameters ({@link
 * dev.deploysim.format.StrategyParams}) and the problems a rule reports. It knows nothing of YAML
 * files, the model or any strategy.
 */
package dev.deploysim.format;
