package dev.deploysim.model;

/** The application process on an instance. */
public enum AppState {
  /** nothing installed yet (the instance is booting) */
  NONE,
  /** a version's files are being installed */
  INSTALLING,
  /** installed, not running */
  STOPPED,
  /** starting up */
  STARTING,
  /** accepting requests */
  RUNNING
}
