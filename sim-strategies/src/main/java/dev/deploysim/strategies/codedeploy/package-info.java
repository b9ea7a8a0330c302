/**
 * AWS CodeDeploy: EC2 in-place deployments with minimum healthy hosts, EC2 blue/green with a copied
 * Auto Scaling group, and Lambda/ECS traffic shifting (canary, linear, all at once), with lifecycle
 * hooks and alarm rollback. Rules and sources: docs/platforms/codedeploy.md.
 */
package dev.deploysim.strategies.codedeploy;
