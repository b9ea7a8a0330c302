package dev.deploysim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
