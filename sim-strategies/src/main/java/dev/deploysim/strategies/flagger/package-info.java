/**
 * Flagger's canary analysis on the Kubernetes pod model: a primary and a canary Deployment behind a
 * weighted router, an analysis every interval that shifts stepWeight (or stepWeights) after passing
 * checks of request-success-rate and request-duration, failed checks counted toward a threshold,
 * blue/green iterations, and the promotion that rolls the primary out. Rules and sources:
 * docs/platforms/progressive-delivery.md.
 */
package dev.deploysim.strategies.flagger;
