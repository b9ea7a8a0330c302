/**
 * Text for people and for files, decided once: numbers without exponents or locale ({@link
 * dev.deploysim.cli.text.Numbers}), JSON, durations and the summary as table rows, replication
 * figures, run titles, phase names, parameter values as a scenario writes them, and {@link
 * dev.deploysim.cli.text.UserError}, the one-line message of a mistake the user must fix. The bottom
 * of sim-cli: it uses sim-core only.
 */
package dev.deploysim.cli.text;
