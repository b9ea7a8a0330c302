/**
 * Kubernetes Deployments: the RollingUpdate strategy (maxSurge, maxUnavailable, minReadySeconds,
 * progress deadline) and Recreate, driven by a model of the Deployment controller and readiness
 * probes. Rules and sources: docs/platforms/kubernetes.md.
 */
package dev.deploysim.strategies.k8s;
