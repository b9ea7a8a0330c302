/**
 * {@code sim import}: reading the files a team already has (CloudFormation templates, Elastic
 * Beanstalk option settings, CodeDeploy deployment groups and AppSpec files, Kubernetes manifests)
 * and drafting one scenario from them, each value with its source and each assumption marked. Uses
 * sim-core only (the loader checks the draft); the {@code import} command sits above it.
 */
package dev.deploysim.cli.importer;
