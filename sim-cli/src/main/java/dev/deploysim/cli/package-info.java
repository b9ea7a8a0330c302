/**
 * The {@code sim} command line: {@link dev.deploysim.cli.Main} and one picocli command class per
 * subcommand ({@code run}, {@code compare}, {@code sweep}, {@code merge}, {@code import},
 * {@code validate}, {@code strategies}, {@code schema}), the options several commands share
 * (mixins), reading and checking scenario files, running them, where outputs go, and what the
 * terminal can show (colour, progress bars). The top of sim-cli: it uses {@code output},
 * {@code importer}, {@code chart}, {@code sweep} and {@code text}; none of them uses it.
 */
package dev.deploysim.cli;
