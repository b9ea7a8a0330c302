package dev.deploysim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.deploysim.strategies.Strategies;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down (cli -> strategies -> core): the strategies know nothing of the command
 * line, charts or AWT. Checked here because sim-cli is the module that has all three on its class
 * path.
 */
class ArchitectureTest {
  static final ArchRule STRATEGIES_STAY_BELOW_THE_CLI =
      noClasses()
          .that().resideInAPackage("dev.deploysim.strategies..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.deploysim.cli..", "picocli..", "org.jfree..", "java.awt..", "javax.imageio..",
              "javax.swing..", "me.tongfei..")
          .because("strategies drive the model; presentation lives in sim-cli")
          .allowEmptyShould(false);

  /** The platform packages of sim-strategies do not import each other in a circle. */
  static final ArchRule NO_STRATEGY_PACKAGE_CYCLES =
      slices().matching("dev.deploysim.strategies.(**)").should().beFreeOfCycles()
          .allowEmptyShould(false);

  /**
   * No two packages of sim-cli import each other, directly or through others. The root package
   * {@code dev.deploysim.cli} (the commands) is a slice of its own too: {@code dev.deploysim.(**)}
   * over the classes of sim-cli names every package, where {@code dev.deploysim.cli.(**)} would leave
   * the root out and miss a cycle through it.
   */
  static final ArchRule NO_CLI_PACKAGE_CYCLES =
      slices().matching("dev.deploysim.(**)").should().beFreeOfCycles()
          .because("the commands sit on the writers, the writers on the charts, all on text (README, Architecture)")
          .allowEmptyShould(false);

  /** The layers of sim-cli, bottom to top: each may use only the ones below it. */
  static final ArchRule CLI_LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("text").definedBy("dev.deploysim.cli.text..")
          .layer("sweep").definedBy("dev.deploysim.cli.sweep..")
          .layer("chart").definedBy("dev.deploysim.cli.chart..")
          .layer("output").definedBy("dev.deploysim.cli.output..")
          .layer("importer").definedBy("dev.deploysim.cli.importer..")
          .layer("check").definedBy("dev.deploysim.cli.check..")
          .layer("commands").definedBy("dev.deploysim.cli")
          .whereLayer("commands").mayNotBeAccessedByAnyLayer()
          .whereLayer("output").mayOnlyBeAccessedByLayers("commands")
          .whereLayer("importer").mayOnlyBeAccessedByLayers("commands")
          .whereLayer("check").mayOnlyBeAccessedByLayers("commands")
          .whereLayer("chart").mayOnlyBeAccessedByLayers("output", "commands")
          .whereLayer("sweep").mayOnlyBeAccessedByLayers("chart", "output", "commands")
          .whereLayer("text").mayOnlyBeAccessedByLayers("sweep", "chart", "output", "importer", "check", "commands");

  private static JavaClasses cliClasses() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("dev.deploysim.cli");
    assertThat(classes.contain(Main.class)).isTrue();
    return classes;
  }

  @Test
  void cliPackagesHaveNoCycles() {
    NO_CLI_PACKAGE_CYCLES.check(cliClasses());
  }

  @Test
  void cliPackagesKeepTheirLayers() {
    CLI_LAYERS.check(cliClasses());
  }

  @Test
  void theCliCycleRuleFiresOnACycleThroughTheRootPackage() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        CliCycleFixture.class, dev.deploysim.cli.text.fixture.UsesCliRoot.class);
    assertThat(NO_CLI_PACKAGE_CYCLES.evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void theCliLayerRuleFiresWhenALowerPackageUsesTheCommands() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        CliCycleFixture.class, dev.deploysim.cli.text.fixture.UsesCliRoot.class);
    assertThat(CLI_LAYERS.evaluate(fixture).hasViolation()).isTrue();
  }

  /** Why the cycle rule names every package: matching only the subpackages misses this cycle. */
  @Test
  void aRuleOverTheSubpackagesAloneWouldMissTheCycle() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        CliCycleFixture.class, dev.deploysim.cli.text.fixture.UsesCliRoot.class);
    ArchRule subpackagesOnly = slices().matching("dev.deploysim.cli.(**)").should().beFreeOfCycles();
    assertThat(subpackagesOnly.evaluate(fixture).hasViolation()).isFalse();
  }

  @Test
  void strategyPackagesHaveNoCycles() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("dev.deploysim.strategies");
    NO_STRATEGY_PACKAGE_CYCLES.check(classes);
  }

  @Test
  void theCycleRuleFiresOnACycle() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        dev.deploysim.strategies.fixture.a.UsesB.class, dev.deploysim.strategies.fixture.b.UsesA.class);
    assertThat(NO_STRATEGY_PACKAGE_CYCLES.evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void strategiesDoNotDependOnTheCliChartsOrAwt() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("dev.deploysim.strategies");
    assertThat(classes.contain(Strategies.class)).isTrue();
    STRATEGIES_STAY_BELOW_THE_CLI.check(classes);
  }

  /** A strategy-package class that uses the CLI: the rule must fire on it. */
  @Test
  void theRuleFiresOnAViolation() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        dev.deploysim.strategies.ViolatesLayering.class);
    assertThat(STRATEGIES_STAY_BELOW_THE_CLI.evaluate(fixture).hasViolation()).isTrue();
  }
}
