/**
 * What a run produces: the summary, the time series, the timeline of events, deployment phases and
 * chart markers. Plain values that output writers turn into files.
 */
package dev.deploysim.result;
