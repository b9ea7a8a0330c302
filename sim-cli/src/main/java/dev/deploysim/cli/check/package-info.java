/**
 * {@code sim check}: budgets tested on a scenario's runs (one run, or the share of replications
 * within each budget with its Wilson score interval), and the reports for a terminal, for CI test
 * reporters (JUnit XML) and for a CI job page (Markdown). Uses sim-core and the text layer; the
 * {@code check} command sits above it.
 */
package dev.deploysim.cli.check;
