package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {

  @Test
  void readsTheFourComparisons() {
    Condition c = Condition.parse("errorRate < 0.01");
    assertEquals(new Condition(MetricKind.ERROR_RATE, Condition.Op.LT, 0.01), c);
    assertTrue(c.holds(0.0099));
    assertFalse(c.holds(0.01));
    assertTrue(Condition.parse("successRate >= 0.99").holds(0.99));
    assertFalse(Condition.parse("successRate > 0.99").holds(0.99));
    assertTrue(Condition.parse("latencyP99<=0.5").holds(0.5));
    assertEquals("errorRate < 0.01", c.toString());
  }

  @Test
  void saysWhatIsWrong() {
    assertEquals("unknown metric \"error_rate\"; the metrics are errorRate, successRate, latencyP99",
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("error_rate < 0.01")).getMessage());
    assertEquals("unknown comparison \"==\"; use <, <=, > or >=",
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("errorRate == 0.01")).getMessage());
    assertEquals("\"1%\" is not a number",
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("errorRate < 1%")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Condition.parse("result[0] < 0.01")).getMessage()
        .startsWith("unknown metric \"result[0]\""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Condition.parse("errorRate <")).getMessage()
        .startsWith("expected \"<metric> <op> <number>\""));
  }
}
