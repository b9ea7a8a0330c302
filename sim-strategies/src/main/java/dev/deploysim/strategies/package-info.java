/**
 * The built-in strategy types, one package per platform, and {@link
 * dev.deploysim.strategies.Strategies#catalog()}, which registers them: a new type is one class in
 * its platform's package plus one line there.
 */
package dev.deploysim.strategies;
