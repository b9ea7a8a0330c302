/**
 * Argo Rollouts: the canary strategy (steps with setWeight, pause, setCanaryScale and analysis; a
 * background analysis; replica-based weights, or exact weights through an ALB traffic router) and
 * the blue-green strategy (active and preview Services, pre- and post-promotion analysis,
 * auto-promotion, scale-down delay), on the Kubernetes pod model of the k8s package. Rules and
 * sources: docs/platforms/progressive-delivery.md.
 */
package dev.deploysim.strategies.argo;
