package dev.deploysim.cli;

/** Architecture-test fixture: the command-line package using a subpackage that uses it back. */
public class CliCycleFixture {
  public Object other() {
    return new dev.deploysim.cli.text.fixture.UsesCliRoot();
  }
}
