package dev.deploysim.load;

import static dev.deploysim.load.ScenarioLoaderTest.LOADER;
import static dev.deploysim.load.ScenarioValuesTest.params;
import static dev.deploysim.load.ScenarioValuesTest.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ParamType.OneOfType}: a value in one of several forms, picked by the YAML shape and what
 * the value looks like. The test catalog's {@code hooks} are CodeDeploy's: per event a run time
 * (duration or distribution) or {duration (or never), fails (true, false or 0..1), timeout}.
 */
class OneOfTypeTest {

  static Object hook(String yaml) {
    return params("hooks: {ValidateService: " + yaml + "}").map("hooks").get("ValidateService");
  }

  /** The one problem of a scenario whose strategy has the given hooks. */
  static ScenarioError problem(String hooks) {
    LoadResult r = LOADER.parse(scenario("hooks: " + hooks, ""), "t.yaml");
    assertThat(r.errors()).hasSize(1);
    return r.errors().get(0);
  }

  @Test
  void aScalarIsARunTime() {
    assertThat(hook("30s")).isEqualTo(Distribution.constant(30));
    assertThat(hook("45")).isEqualTo(Distribution.constant(45));
  }

  @Test
  void aMappingWithADistributionKeyIsADistribution() {
    assertThat(hook("{uniform: [10s, 20s]}")).isEqualTo(new Distribution.Uniform(10, 20));
    assertThat(hook("{exponential: {mean: 30s}}")).isEqualTo(new Distribution.Exponential(30));
  }

  @Test
  void aMappingWithScriptKeysIsAScriptWithDefaults() {
    StrategyParams p = (StrategyParams) hook("{duration: {uniform: [10s, 20s]}, fails: 0.25}");
    assertThat(p.get("duration")).isEqualTo(new Distribution.Uniform(10, 20));
    assertThat(p.get("fails")).isEqualTo(0.25);
    assertThat(p.get("timeout")).isEqualTo(3600.0); // default written as an int, bound as a duration
    assertThat(p.isExplicit("timeout")).isFalse();
  }

  @Test
  void theInnerUnionsBindEachForm() {
    StrategyParams never = (StrategyParams) hook("{duration: never, timeout: 10m}");
    assertThat(never.get("duration")).isEqualTo("never");
    assertThat(never.duration("timeout")).isEqualTo(600.0);
    assertThat(((StrategyParams) hook("{fails: true}")).get("fails")).isEqualTo(true);
    assertThat(((StrategyParams) hook("{fails: false}")).get("fails")).isEqualTo(false);
    assertThat(((StrategyParams) hook("{fails: 1}")).get("fails")).isEqualTo(1.0);
    // defaults of the mapping form: duration 0s, fails false
    StrategyParams empty = (StrategyParams) hook("{}");
    assertThat(empty.get("duration")).isEqualTo(Distribution.constant(0));
    assertThat(empty.get("fails")).isEqualTo(false);
  }

  @Test
  void aValueOfNoFormListsEveryForm() {
    ScenarioError e = problem("{ValidateService: thirty}");
    assertThat(e.path()).isEqualTo("deployment.strategy.hooks.ValidateService");
    assertThat(e.message()).isEqualTo("expected a duration like 30s, a distribution like {uniform: [10s, 20s]} or a "
        + "mapping with duration, fails, timeout, got \"thirty\"");
    assertThat(problem("{ValidateService: [1s, 2s]}").message()).endsWith("timeout, got a list");
    assertThat(problem("{ValidateService: }").message()).endsWith("timeout, got nothing");
    assertThat(problem("{ValidateService: {duration: sometime}}").message()).isEqualTo(
        "expected a duration like 30s, a distribution like {uniform: [10s, 20s]} or never, got \"sometime\"");
    assertThat(problem("{ValidateService: {fails: maybe}}").message())
        .isEqualTo("expected true, false or a number from 0 to 1, got \"maybe\"");
  }

  @Test
  void aMisspeltWordGetsAGuess() {
    ScenarioError e = problem("{ValidateService: {duration: nevr}}");
    assertThat(e.hint()).isEqualTo("did you mean 'never'?");
  }

  @Test
  void aValueOfTheRightKindGetsItsOwnTypesMessage() {
    // a number is a probability, so 2 is out of range rather than of the wrong type
    ScenarioError fails = problem("{ValidateService: {fails: 2}}");
    assertThat(fails.path()).isEqualTo("deployment.strategy.hooks.ValidateService.fails");
    assertThat(fails.message()).isEqualTo("must be between 0 and 1, got 2");
    // a YAML 1.1 boolean word is taken as a boolean, with the usual advice
    ScenarioError yes = problem("{ValidateService: {fails: yes}}");
    assertThat(yes.message()).isEqualTo("expected true or false, got \"yes\"");
    assertThat(yes.hint()).isEqualTo("YAML 1.2 reads yes as text; write true");
    // a negative number is a duration out of range
    assertThat(problem("{ValidateService: -5}").message()).isEqualTo("must be at least 0s, got -5");
    // script keys pick the script form: its range and unknown-key messages
    assertThat(problem("{ValidateService: {duration: 5s, timeout: 2h}}").message())
        .isEqualTo("must be between 1s and 1h, got 2h");
    ScenarioError unknown = problem("{ValidateService: {duration: 5s, retries: 3}}");
    assertThat(unknown.path()).isEqualTo("deployment.strategy.hooks.ValidateService.retries");
    assertThat(unknown.message()).isEqualTo("unknown key");
  }

  @Test
  void aMisspeltKeyPicksTheFormItBelongsTo() {
    ScenarioError script = problem("{ValidateService: {duratoin: 5s}}");
    assertThat(script.path()).isEqualTo("deployment.strategy.hooks.ValidateService.duratoin");
    assertThat(script.hint()).isEqualTo("did you mean 'duration'?");
    ScenarioError dist = problem("{ValidateService: {unifrom: [1s, 2s]}}");
    assertThat(dist.message()).isEqualTo("unknown distribution 'unifrom'");
    assertThat(dist.hint()).isEqualTo("did you mean 'uniform'?");
  }

  @Test
  void problemsOfFormsTriedAndDroppedAreNotReported() {
    // a mapping with no key of either form: the distribution form fails, the script form takes it
    LoadResult r = LOADER.parse(scenario("hooks: {ValidateService: {}, BeforeInstall: 10s}", ""), "t.yaml");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void aTypeTagInAValueOfSeveralFormsIsReportedOnce() {
    // the script form is tried after the distribution form fails: the tag is reported once, where it is
    LoadResult r = LOADER.parse(scenario("hooks: {ValidateService: {fails: !foo 1}, BeforeInstall: {zzz: !foo 1}}",
        ""), "t.yaml");
    assertThat(r.errors()).extracting(ScenarioError::message).filteredOn(m -> m.contains("type tags"))
        .hasSize(2);
    assertThat(r.errors()).extracting(ScenarioError::path)
        .contains("deployment.strategy.hooks.ValidateService.fails");
  }

  @Test
  void describeNamesEveryForm() {
    assertThat(TestCatalog.Rolling.HOOK.describe())
        .isEqualTo("duration or distribution, or mapping {duration, fails, timeout}");
    assertThat(ParamType.OneOfType.of(new ParamType.BooleanType(), new ParamType.NumberType(0, 1)).describe())
        .isEqualTo("true or false, or number 0..1");
    assertThat(ScenarioFormat.VERSION_HEALTH.type().describe())
        .isEqualTo("one of healthy, failing, or mapping {failingAfter}");
  }

  @Test
  void nestedUnionsAreFlattenedAndOneAlternativeIsRefused() {
    ParamType.OneOfType inner = ParamType.OneOfType.of(new ParamType.BooleanType(), new ParamType.StringType());
    ParamType.OneOfType outer = ParamType.OneOfType.of(inner, new ParamType.DistributionType());
    assertThat(outer.alternatives()).containsExactly(new ParamType.BooleanType(), new ParamType.StringType(),
        new ParamType.DistributionType());
    assertThatThrownBy(() -> new ParamType.OneOfType(List.of(new ParamType.BooleanType())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void alternativeForFindsTheFormOfABoundValue() {
    ParamType.OneOfType t = (ParamType.OneOfType) TestCatalog.Rolling.HOOK;
    assertThat(t.alternativeFor(Distribution.constant(5))).isInstanceOf(ParamType.DistributionType.class);
    assertThat(t.alternativeFor(new StrategyParams(Map.of(), java.util.Set.of())))
        .isSameAs(TestCatalog.Rolling.SCRIPT);
    assertThat(t.alternativeFor("text")).isNull();
    ParamType.OneOfType health = (ParamType.OneOfType) ScenarioFormat.VERSION_HEALTH.type();
    assertThat(health.alternativeFor("failing")).isInstanceOf(ParamType.EnumType.class);
    assertThat(health.alternativeFor("sick")).isNull();
  }

  @Test
  void defaultsBindAsTheirAlternativeDoes() {
    ParamSpec spec = ParamSpec.optional("x", ParamType.OneOfType.of(new ParamType.BooleanType(),
        new ParamType.NumberType(0, 1)), 1, null, "an int default of a number alternative");
    assertThat(Walker.defaultValue(spec)).isEqualTo(1.0);
  }

  static List<com.networknt.schema.Error> validate(String yaml) {
    com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
        .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_7)
        .getSchema(ScenarioSchema.generate(TestCatalog.catalog()), com.networknt.schema.InputFormat.JSON);
    return schema.validate(ScenarioSchemaTest.yamlToJson(yaml));
  }

  @Test
  void theSchemaAcceptsEveryFormAndItsDefaultsAreWrittenInTheirForm() throws Exception {
    assertThat(validate(scenario("hooks: {ValidateService: 30s, BeforeInstall: {uniform: [1s, 2s]},"
        + " AfterInstall: {duration: never, fails: true}, ApplicationStart: {fails: 0.5, timeout: 10m}}", "")))
        .isEmpty();
    assertThat(validate(scenario("hooks: {ValidateService: {fails: 2}}", ""))).isNotEmpty();
    assertThat(validate(scenario("hooks: {ValidateService: {retries: 2}}", ""))).isNotEmpty();
    var root = ScenarioSchemaTest.JSON.readTree(ScenarioSchema.generate(TestCatalog.catalog()));
    var version = root.at("/properties/versions/additionalProperties/properties/health");
    assertThat(version.at("/default").asText()).isEqualTo("healthy");
    assertThat(version.at("/anyOf/0/enum").toString()).isEqualTo("[\"healthy\",\"failing\"]");
    var completes = root.at("/properties/fleet/properties/lifecycleHooks/items/properties/completesAfter");
    assertThat(completes.at("/default").asText()).isEqualTo("never");
  }
}
