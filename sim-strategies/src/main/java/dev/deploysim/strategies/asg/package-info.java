/**
 * EC2 Auto Scaling instance refresh (minimum/maximum healthy percentage, warm-up, checkpoints,
 * auto rollback) and the instance replacement machinery CloudFormation's updates share. Rules and
 * sources: docs/platforms/auto-scaling.md.
 */
package dev.deploysim.strategies.asg;
