package dev.deploysim.strategy;

import dev.deploysim.result.Marker;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import java.util.List;

/**
 * What a finished (or unfinished) deployment reports to the summary and the charts: a {@link
 * Deployment}, or the deployment of several fleets one after the other, combined
 * (docs/resilience.md#deploying-several-fleets).
 */
public interface DeploymentResult {
  String strategyName();

  String fromVersion();

  String toVersion();

  /** When it started. */
  double startTime();

  /** When it finished (null while running or if it never finished). */
  Double endTime();

  boolean isFinished();

  /** Null while running. */
  Outcome outcome();

  /** Why it failed or rolled back, or a success's note; null otherwise. */
  String reason();

  boolean rollbackTriggered();

  String rollbackReason();

  Double rollbackStart();

  Double rollbackEnd();

  /** Requests the new version had handled when the rollback started (null: no rollback started). */
  Double newVersionRequestsAtRollback();

  Double detectedAt();

  String detectedBy();

  List<Phase> phases();

  List<Marker> markers();
}
