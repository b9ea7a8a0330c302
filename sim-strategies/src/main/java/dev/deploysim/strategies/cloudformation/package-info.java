/**
 * CloudFormation update policies of an Auto Scaling group: AutoScalingRollingUpdate (batches,
 * MinInstancesInService, resource signals, PauseTime) and AutoScalingReplacingUpdate. Rules and
 * sources: docs/platforms/cloudformation.md.
 */
package dev.deploysim.strategies.cloudformation;
