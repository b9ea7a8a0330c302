/**
 * Reading scenario files: YAML through the safe snakeyaml-engine loader, validation against the
 * format description with file:line:column locations and hints, binding to the {@code scenario}
 * records, the JSON Schema generated from the same description, and strategy variants for {@code
 * sim compare --strategies}.
 */
package dev.deploysim.load;
