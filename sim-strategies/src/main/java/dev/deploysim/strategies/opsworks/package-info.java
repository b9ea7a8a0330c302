/**
 * AWS OpsWorks Stacks (end of life 26 May 2024, modelled for study): an app server layer with its
 * lifecycle events, auto healing and time- and load-based instances ({@link Layer}), and the Deploy
 * command on every instance, the manual rolling pattern and the stack-cloning blue/green. Rules and
 * sources: docs/platforms/opsworks.md.
 */
package dev.deploysim.strategies.opsworks;
