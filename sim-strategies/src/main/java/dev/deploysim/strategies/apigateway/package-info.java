/**
 * Amazon API Gateway: a REST API stage's canary release ({@code apigateway.canary}). Rules and
 * sources: docs/platforms/apigateway.md.
 */
package dev.deploysim.strategies.apigateway;
