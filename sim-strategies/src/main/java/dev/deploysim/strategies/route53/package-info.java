/**
 * Two stacks behind Route 53 weighted records: a traffic shift in weighted steps, with DNS caching
 * (TTL, stale clients) deciding how fast clients follow. Rules and sources: docs/platforms/route53.md.
 */
package dev.deploysim.strategies.route53;
