/**
 * Two Auto Scaling groups behind one Application Load Balancer listener with weighted target
 * groups: the shift takes effect per request, without DNS. Rules and sources:
 * docs/platforms/load-balancing.md.
 */
package dev.deploysim.strategies.alb;
