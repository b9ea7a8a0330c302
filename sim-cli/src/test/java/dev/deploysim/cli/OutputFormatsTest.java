package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.cli.output.EventsLog;
import dev.deploysim.cli.output.TimeSeriesCsv;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimeSeries;
import dev.deploysim.result.TimelineEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text formats: numbers, JSON escaping, timeseries.csv, events.log. */
class OutputFormatsTest {

  @Test
  void numbers() {
    assertThat(Numbers.real(300, 3)).isEqualTo("300.0");
    assertThat(Numbers.real(1234.5, 3)).isEqualTo("1234.5");
    assertThat(Numbers.real(0.00049, 3)).isEqualTo("0.0");
    assertThat(Numbers.real(-0.0, 3)).isEqualTo("0.0");
    assertThat(Numbers.real(1e-7, 4)).isEqualTo("0.0");
    assertThat(Numbers.real(1e21, 3)).isEqualTo("1000000000000000000000.0");
    assertThat(Numbers.real(2.0 / 3, 4)).isEqualTo("0.6667");
    assertThat(Numbers.real(Double.NaN, 3)).isNull();
    assertThat(Numbers.upTo(400, 3)).isEqualTo("400");
    assertThat(Numbers.upTo(400.0 / 3, 3)).isEqualTo("133.333");
    assertThat(Numbers.upTo(0.5, 3)).isEqualTo("0.5");
    assertThat(Numbers.upTo(1500, 3)).isEqualTo("1500");
    assertThat(Numbers.fixed(300, 3)).isEqualTo("300.000");
    assertThat(Numbers.fixed(-0.0001, 3)).isEqualTo("0.000");
    assertThat(Numbers.grouped(720000)).isEqualTo("720,000");
  }

  @Test
  void jsonEscapesWhatMustBeEscapedAndStaysAscii() throws Exception {
    String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 e-acute \u00e9 emoji \ud83d\ude00 / end";
    Map<String, Object> o = Json.object();
    o.put("text", nasty);
    o.put("list", List.of(1, true, new Json.Num("2.5")));
    o.put("empty", Map.of());
    o.put("none", null);
    String json = Json.write(o);
    assertThat(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n')).isTrue();
    var back = new ObjectMapper().readTree(json);
    assertThat(back.get("text").asText()).isEqualTo(nasty);
    assertThat(back.get("list").get(2).asDouble()).isEqualTo(2.5);
    assertThat(back.get("none").isNull()).isTrue();
    assertThat(back.get("empty").isEmpty()).isTrue();
  }

  @Test
  void timeseriesCsvHeaderIsTheColumnsAndValuesAreFormattedByKind() {
    TimeSeries ts = new TimeSeries(List.of("time", "demandRps", "servedRps", "healthyInstances",
        "instances_v1", "newVersionTrafficPercent"));
    ts.add(new double[] {0, 400, 400, 6, 6, 0});
    ts.add(new double[] {5, 400.0 / 3, 1e-9, 5, 6, 100.0 / 3});
    ts.add(new double[] {302.5, 1e6, 0, 0, 0, 100});
    String csv = TimeSeriesCsv.text(ts);
    assertThat(csv).isEqualTo(
        "time,demandRps,servedRps,healthyInstances,instances_v1,newVersionTrafficPercent\n"
            + "0.000,400,400,6,6,0\n"
            + "5.000,133.333,0,5,6,33.333\n"
            + "302.500,1000000,0,0,0,100\n");
  }

  @Test
  void timeseriesCsvOfARunStartsWithTheContractColumns() {
    RunResult r = TestScenarios.allAtOnce("csv", false).run();
    String csv = TimeSeriesCsv.text(r.timeSeries());
    String header = csv.substring(0, csv.indexOf('\n'));
    assertThat(header).startsWith(
        "time,demandRps,servedRps,failedRps,healthyInstances,inServiceInstances,runningInstances,"
            + "instances_v1,instances_v2,newVersionTrafficPercent");
    assertThat(header.split(",")).containsExactlyElementsOf(r.timeSeries().columns());
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(r.timeSeries().size() + 1);
    assertThat(csv).doesNotContain("\r");
    // samples every 5 s (output.sampleInterval): the second row is at 5.000
    assertThat(lines.get(2)).startsWith("5.000,");
  }

  @Test
  void eventsLogPutsTheTimeFirst() {
    String log = EventsLog.text(List.of(
        new TimelineEvent(300, "deployment", "deployment started: eb.immutable v1 -> v2"),
        new TimelineEvent(312.25, "lb", "i-3 registered with blue-tg"),
        new TimelineEvent(3 * 3600 + 61.001, "alarm", "two\nlines")));
    assertThat(log).isEqualTo(
        "00:05:00.000 deployment started: eb.immutable v1 -> v2\n"
            + "00:05:12.250 lb: i-3 registered with blue-tg\n"
            + "03:01:01.001 alarm: two lines\n");
  }
}
