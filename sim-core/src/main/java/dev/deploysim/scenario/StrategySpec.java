package dev.deploysim.scenario;

import dev.deploysim.format.StrategyParams;

/** A strategy type name ({@code eb.rolling}) and its validated parameters, defaults applied. */
public record StrategySpec(String type, StrategyParams params) {}
