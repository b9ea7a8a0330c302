/**
 * Elastic Beanstalk deployment policies (all at once, rolling, rolling with an additional batch,
 * immutable, traffic splitting) and the blue/green environment swap, with Beanstalk's enhanced
 * health reporting. Rules and sources: docs/platforms/elastic-beanstalk.md.
 */
package dev.deploysim.strategies.eb;
