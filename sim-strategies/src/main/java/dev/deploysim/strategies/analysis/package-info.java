/**
 * Canary analysis as Argo Rollouts, Flagger and Kayenta run it, independent of any strategy: what a
 * metric query returns over a window of the simulated traffic ({@link
 * dev.deploysim.strategies.analysis.RequestHistory}), with the sampling noise real counters have
 * ({@link dev.deploysim.strategies.analysis.Measurements}: failed requests binomial in the requests
 * served and the true error rate), Argo's measurement and run rules ({@link
 * dev.deploysim.strategies.analysis.MetricResult}, {@link
 * dev.deploysim.strategies.analysis.AnalysisRun}), a Kayenta-style judge ({@link
 * dev.deploysim.strategies.analysis.KayentaJudge} with {@link
 * dev.deploysim.strategies.analysis.MannWhitney}) and Flagger's metric checks. Rules and sources:
 * docs/platforms/progressive-delivery.md.
 */
package dev.deploysim.strategies.analysis;
