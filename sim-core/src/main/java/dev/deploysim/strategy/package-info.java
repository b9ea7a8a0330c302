/**
 * The strategy API: a {@link dev.deploysim.strategy.StrategyType} says what it is in one {@link
 * dev.deploysim.strategy.StrategyDescription} (name, what it models, parameters with their
 * defaults, and a {@link dev.deploysim.strategy.RollbackPolicy}), adds its validation rules, and
 * creates a {@link dev.deploysim.strategy.Strategy} for one run, which drives a {@link
 * dev.deploysim.strategy.Deployment} (the run's control-plane handle: phases, completion, rollback,
 * detection) through the model. {@link dev.deploysim.strategy.StrategyCatalog} holds the known
 * types. Strategy types written against this package and {@code model}/{@code control} are all a
 * platform module (sim-strategies, or a user's plugin) needs; {@link
 * dev.deploysim.strategy.StrategyType} explains how to write one.
 */
package dev.deploysim.strategy;
