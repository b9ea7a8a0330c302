package dev.deploysim;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.engine.Simulator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture of sim-core (DESIGN.md, "The engine"): nothing in it reads the wall clock or an
 * unseeded random generator (same scenario and seed, same bytes out), it knows nothing of charts or
 * the terminal, and dependencies point down only (cli -> strategies -> core).
 *
 * <p>Every rule refuses to pass on an empty selection ({@code allowEmptyShould(false)}), the import
 * is checked to contain the engine, and each rule is shown to fire on a small violating fixture
 * below, so none of them can pass vacuously.
 */
class ArchitectureTest {

  /** sim-core: everything under dev.deploysim except the strategies and cli modules' packages. */
  private static final DescribedPredicate<JavaClass> SIM_CORE =
      resideInAPackage("dev.deploysim..")
          .and(resideOutsideOfPackages("dev.deploysim.strategies..", "dev.deploysim.cli.."))
          .as("classes of sim-core");

  /** A call or method reference to {@code owner.name}. */
  private static DescribedPredicate<JavaAccess<?>> target(Class<?> owner, String name) {
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + name,
        access -> {
          AccessTarget t = access.getTarget();
          return t.getName().equals(name) && t.getOwner().isEquivalentTo(owner);
        });
  }

  /** {@code now()} of any java.time class: Instant, LocalDateTime, ZonedDateTime, LocalDate... */
  private static final DescribedPredicate<JavaAccess<?>> JAVA_TIME_NOW =
      DescribedPredicate.describe(
          "java.time.*.now",
          access ->
              access.getTarget().getName().equals("now")
                  && access.getTarget().getOwner().getPackageName().equals("java.time"));

  private static final DescribedPredicate<JavaAccess<?>> WALL_CLOCK_OR_UNSEEDED_CALL =
      DescribedPredicate.or(
              target(System.class, "currentTimeMillis"),
              target(System.class, "nanoTime"),
              target(Math.class, "random"),
              target(StrictMath.class, "random"),
              target(UUID.class, "randomUUID"),
              JAVA_TIME_NOW)
          .as(
              "System.currentTimeMillis, System.nanoTime, Math.random, UUID.randomUUID or"
                  + " java.time.*.now");

  static final ArchRule NO_WALL_CLOCK =
      noClasses()
          .that(SIM_CORE)
          .should()
          .accessTargetWhere(WALL_CLOCK_OR_UNSEEDED_CALL)
          .orShould()
          .dependOnClassesThat(belongToAnyOf(Clock.class, InstantSource.class))
          .because("simulated time is a number kept by the engine; runs must be reproducible")
          .allowEmptyShould(false);

  static final ArchRule NO_UNSEEDED_RANDOM =
      noClasses()
          .that(SIM_CORE)
          .should()
          .dependOnClassesThat(
              assignableTo(Random.class) // includes SecureRandom and ThreadLocalRandom
                  .or(belongToAnyOf(SplittableRandom.class, ThreadLocalRandom.class, SecureRandom.class))
                  .or(resideInAPackage("java.util.random"))
                  .as(
                      "java.util.Random, SplittableRandom, ThreadLocalRandom, SecureRandom or"
                          + " java.util.random"))
          .because("randomness comes from seeded named RandomStreams only")
          .allowEmptyShould(false);

  static final ArchRule NO_PRESENTATION_LIBRARIES =
      noClasses()
          .that(SIM_CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.awt..", "javax.imageio..", "javax.swing..", "org.jfree..", "picocli..",
              "me.tongfei..")
          .because("the core knows nothing of charts, files or the terminal")
          .allowEmptyShould(false);

  private static ArchRule coreMustNotDependOn(String... packages) {
    return noClasses()
        .that(SIM_CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages)
        .because("dependencies point down only: cli -> strategies -> core")
        .allowEmptyShould(false);
  }

  static final ArchRule CORE_DOES_NOT_DEPEND_UP =
      coreMustNotDependOn("dev.deploysim.strategies..", "dev.deploysim.cli..");

  /**
   * No two packages of sim-core import each other, directly or through others. Each package is its
   * own slice ({@code (**)} captures the whole package name).
   */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.deploysim.(**)").should().beFreeOfCycles()
          .because("each package of sim-core sits on top of the ones it uses (README, Architecture)")
          .allowEmptyShould(false);

  /**
   * The layers of sim-core, bottom to top, as the README's architecture section draws them: each
   * may use only the layers below it: dependencies point down, inside sim-core as between modules.
   */
  static final Architectures.LayeredArchitecture LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("engine").definedBy("dev.deploysim.engine..")
          .layer("format").definedBy("dev.deploysim.format..")
          .layer("scenario").definedBy("dev.deploysim.scenario..")
          .layer("result").definedBy("dev.deploysim.result..")
          .layer("control").definedBy("dev.deploysim.control..")
          .layer("model").definedBy("dev.deploysim.model..")
          .layer("strategy").definedBy("dev.deploysim.strategy..")
          .layer("load").definedBy("dev.deploysim.load..")
          .layer("run").definedBy("dev.deploysim.run..")
          .layer("sweep").definedBy("dev.deploysim.sweep..")
          .whereLayer("sweep").mayNotBeAccessedByAnyLayer()
          .whereLayer("run").mayOnlyBeAccessedByLayers("sweep")
          .whereLayer("load").mayOnlyBeAccessedByLayers("run", "sweep")
          .whereLayer("strategy").mayOnlyBeAccessedByLayers("load", "run", "sweep")
          .whereLayer("model").mayOnlyBeAccessedByLayers("strategy", "load", "run", "sweep")
          .whereLayer("control").mayOnlyBeAccessedByLayers("model", "strategy", "load", "run", "sweep")
          .whereLayer("result").mayOnlyBeAccessedByLayers("model", "strategy", "load", "run", "sweep")
          .whereLayer("scenario").mayOnlyBeAccessedByLayers("result", "model", "strategy", "load", "run", "sweep")
          .whereLayer("format")
          .mayOnlyBeAccessedByLayers("scenario", "result", "model", "strategy", "load", "run", "sweep");

  private static JavaClasses core;

  @BeforeAll
  static void importSimCore() {
    core =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.deploysim");
  }

  @Test
  void importContainsTheEngineAndNoTests() {
    assertThat(core.contain(Simulator.class)).isTrue();
    assertThat(core.contain(RandomStream.class)).isTrue();
    assertThat(core.contain(Distribution.class)).isTrue();
    assertThat(core.contain(ArchitectureTest.class)).isFalse();
    assertThat(core.that(SIM_CORE).size()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void coreDoesNotReadTheWallClock() {
    NO_WALL_CLOCK.check(core);
  }

  @Test
  void coreUsesNoUnseededRandomGenerator() {
    NO_UNSEEDED_RANDOM.check(core);
  }

  @Test
  void coreDoesNotDependOnChartsOrTheTerminal() {
    NO_PRESENTATION_LIBRARIES.check(core);
  }

  @Test
  void coreHasNoPackageCycles() {
    NO_PACKAGE_CYCLES.check(core);
  }

  @Test
  void corePackagesFollowTheLayers() {
    LAYERS.check(core);
  }

  @Test
  void cycleRuleFiresOnTwoPackagesThatUseEachOther() {
    JavaClasses cycle = new ClassFileImporter().importClasses(
        dev.deploysim.fixture.cycle.a.UsesB.class, dev.deploysim.fixture.cycle.b.UsesA.class);
    assertThat(NO_PACKAGE_CYCLES.evaluate(cycle).hasViolation()).isTrue();
  }

  @Test
  void layerRuleFiresOnAnUpwardDependency() {
    // model may not use strategy: a fixture in the model package that does.
    // (a fixture fills only some layers: the others are allowed to be empty here, not in the real check)
    JavaClasses upward = new ClassFileImporter().importClasses(
        dev.deploysim.model.UsesStrategyLayer.class, dev.deploysim.strategy.StrategyCatalog.class);
    assertThat(LAYERS.withOptionalLayers(true).evaluate(upward).hasViolation()).isTrue();
    JavaClasses downward = new ClassFileImporter().importClasses(
        dev.deploysim.strategy.UsesModelLayer.class, dev.deploysim.model.World.class);
    assertThat(LAYERS.withOptionalLayers(true).evaluate(downward).hasViolation()).isFalse();
  }

  @Test
  void coreDoesNotDependOnStrategiesOrCli() {
    CORE_DOES_NOT_DEPEND_UP.check(core);
  }

  // ---------------------------------------------------------------------------------------------
  // The rules fire on violations: fixtures (test classes, so never part of the import above).
  // ---------------------------------------------------------------------------------------------

  static class CallsCurrentTimeMillis {
    long f() {
      return System.currentTimeMillis();
    }
  }

  static class CallsNanoTime {
    long f() {
      return System.nanoTime();
    }
  }

  static class ReferencesNanoTime {
    LongSupplier f() {
      return System::nanoTime;
    }
  }

  static class CallsMathRandom {
    double f() {
      return Math.random();
    }
  }

  static class CallsMathRandomInALambda {
    DoubleSupplier f() {
      return () -> Math.random() * 2;
    }
  }

  static class CallsInstantNow {
    Object f() {
      return Instant.now();
    }
  }

  static class CallsLocalDateTimeNow {
    Object f() {
      return LocalDateTime.now();
    }
  }

  static class CallsZonedDateTimeNow {
    Object f() {
      return ZonedDateTime.now();
    }
  }

  static class ReferencesInstantNow {
    Supplier<Instant> f() {
      return Instant::now;
    }
  }

  static class UsesClock {
    long f(Clock clock) {
      return clock.millis();
    }
  }

  static class UsesRandom {
    double f() {
      return new Random(1).nextDouble();
    }
  }

  static class UsesSplittableRandom {
    double f() {
      return new SplittableRandom(1).nextDouble();
    }
  }

  static class UsesThreadLocalRandom {
    double f() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }

  static class UsesSecureRandom {
    SecureRandom f() {
      return new SecureRandom();
    }
  }

  static class UsesAwt {
    Object f() {
      return java.awt.Color.RED;
    }
  }

  static class UsesImageIo {
    String[] f() {
      return javax.imageio.ImageIO.getReaderFormatNames();
    }
  }

  /** Uses only the engine and simulated time: no rule may fire. */
  static class Clean {
    double f(Simulator sim, RandomStream random) {
      return sim.now() + random.nextDouble() + Math.log(2);
    }
  }

  private static final List<Class<?>> FIXTURES =
      List.of(
          CallsCurrentTimeMillis.class,
          CallsNanoTime.class,
          ReferencesNanoTime.class,
          CallsMathRandom.class,
          CallsMathRandomInALambda.class,
          CallsInstantNow.class,
          CallsLocalDateTimeNow.class,
          CallsZonedDateTimeNow.class,
          ReferencesInstantNow.class,
          UsesClock.class,
          UsesRandom.class,
          UsesSplittableRandom.class,
          UsesThreadLocalRandom.class,
          UsesSecureRandom.class,
          UsesAwt.class,
          UsesImageIo.class,
          Clean.class,
          Void.class); // a class outside sim-core, for the empty-selection check

  private static JavaClasses fixtures;

  @BeforeAll
  static void importFixtures() {
    fixtures = new ClassFileImporter().importClasses(FIXTURES);
  }

  /** The fixture class and its nested/synthetic parts (lambdas live in the same class). */
  private static JavaClasses only(Class<?> fixture) {
    JavaClasses selected = fixtures.that(JavaClass.Predicates.equivalentTo(fixture));
    assertThat(selected.size()).isEqualTo(1);
    return selected;
  }

  private static void assertFires(ArchRule rule, Class<?>... violating) {
    for (Class<?> fixture : violating) {
      assertThat(rule.evaluate(only(fixture)).hasViolation())
          .as("%s must flag %s", rule.getDescription(), fixture.getSimpleName())
          .isTrue();
    }
  }

  @Test
  void wallClockRuleFiresOnEachForbiddenCall() {
    assertFires(
        NO_WALL_CLOCK,
        CallsCurrentTimeMillis.class,
        CallsNanoTime.class,
        ReferencesNanoTime.class,
        CallsMathRandom.class,
        CallsMathRandomInALambda.class,
        CallsInstantNow.class,
        CallsLocalDateTimeNow.class,
        CallsZonedDateTimeNow.class,
        ReferencesInstantNow.class,
        UsesClock.class);
  }

  @Test
  void randomRuleFiresOnEachForbiddenGenerator() {
    assertFires(
        NO_UNSEEDED_RANDOM,
        UsesRandom.class,
        UsesSplittableRandom.class,
        UsesThreadLocalRandom.class,
        UsesSecureRandom.class);
  }

  @Test
  void libraryRuleFiresOnPresentationPackages() {
    assertFires(NO_PRESENTATION_LIBRARIES, UsesAwt.class, UsesImageIo.class);
  }

  @Test
  void layeringRuleFiresOnAForbiddenPackage() {
    // No class of dev.deploysim.strategies or .cli exists on sim-core's classpath to build a
    // fixture from, so exercise the same rule construction with a package the fixture does use.
    assertFires(coreMustNotDependOn("dev.deploysim.engine.."), Clean.class);
  }

  private static final List<ArchRule> ALL_RULES =
      List.of(NO_WALL_CLOCK, NO_UNSEEDED_RANDOM, NO_PRESENTATION_LIBRARIES, CORE_DOES_NOT_DEPEND_UP);

  @Test
  void rulesDoNotFireOnCleanCode() {
    for (ArchRule rule : ALL_RULES) {
      assertThat(rule.evaluate(only(Clean.class)).hasViolation()).as(rule.getDescription()).isFalse();
    }
  }

  @Test
  void rulesRefuseAnEmptySelection() {
    // Classes outside sim-core only (java.lang.Void): the "that" selects nothing, which must be a
    // failure rather than a pass.
    JavaClasses outside = fixtures.that(JavaClass.Predicates.resideOutsideOfPackage("dev.deploysim.."));
    assertThat(outside.size()).isPositive();
    for (ArchRule rule : ALL_RULES) {
      assertThatThrownBy(() -> rule.evaluate(outside))
          .as(rule.getDescription())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("failed to check any classes");
    }
  }
}
