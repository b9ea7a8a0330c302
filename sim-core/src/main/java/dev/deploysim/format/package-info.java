/**
 * The vocabulary of the scenario format that strategy types also speak: parameter types and their
 * wording ({@link dev.deploysim.format.ParamType}), parameter specifications with defaults and help
 * ({@link dev.deploysim.format.ParamSpec}), a type's bound parameters ({@link
 * dev.deploysim.format.StrategyParams}), the problems a rule reports, the grammar of scalars written
 * as text ({@link dev.deploysim.format.ScalarSyntax}: durations and percentages, for the loader and
 * the JSON Schema alike) and how types are worded in messages ({@link dev.deploysim.format.Wording}).
 * It knows nothing of YAML files, the model or any strategy.
 */
package dev.deploysim.format;
