package dev.deploysim.strategies;

/** Test fixture for the architecture rule: a class in the strategies package using AWT and the CLI. */
public class ViolatesLayering {
  public Object f() {
    return java.awt.Color.RED.toString() + dev.deploysim.cli.Main.OK;
  }
}
