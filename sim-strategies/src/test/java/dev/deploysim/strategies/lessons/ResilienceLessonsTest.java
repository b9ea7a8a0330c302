package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resilience claims of the notes (scenarios/lessons/README.md, "Resilience"). */
class ResilienceLessonsTest {

  private static TimelineEvent first(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + text));
  }

  /**
   * "Frontend traffic switching => Route 53 failover": us-east-1 out at 20m. Detection =
   * (3 - 1) x 30 s + 12/15 x 30 s + d + 4 s with d in [0, 2 s) (docs/platforms/route53.md#health-checks),
   * then propagation (0 to 60 s), then one TTL (60 s) for ordinary clients; the 5% stale clients
   * keep failing until staleClientMaxAge (15 minutes) after the new answer.
   */
  @Test
  void route53FailsOverAfterDetectionPropagationAndOneTtl() {
    RunResult r = Lessons.result("route53-failover.yaml");
    double outage = 20 * 60;
    double detected = first(r, "lb-us-primary of lb-us is unhealthy").time();
    assertThat(detected - outage).isBetween(2 * 30 + 12 * 30 / 15.0 + 4, 2 * 30 + 13 * 30 / 15.0 + 4);
    double answer = first(r, "failover to SECONDARY").time();
    assertThat(answer - detected).isBetween(0.0, 60.0);
    double[] time = r.timeSeries().series("time");
    double[] served = r.timeSeries().series("servedRps");
    double[] failed = r.timeSeries().series("failedRps");
    for (int i = 0; i < time.length; i++) {
      // nothing is served between the outage and the new answer
      if (time[i] >= outage + 5 && time[i] <= answer) {
        assertThat(served[i]).as("at %s", time[i]).isZero();
      }
      // one TTL after the answer every ordinary client (95%) is on eu-west-1; stale clients are
      // still on us-east-1 and fail
      if (time[i] >= answer + 60 + 5 && time[i] < answer + 15 * 60 - 5 && time[i] < 80 * 60) {
        assertThat(served[i] / 400).as("at %s", time[i]).isGreaterThanOrEqualTo(0.95 - 1e-9);
        assertThat(failed[i]).as("stale clients at %s", time[i]).isPositive();
      }
    }
    // the run's downtime is the time from the outage until the first clients have the new answer
    assertThat(r.summary().traffic().downtimeSeconds()).isCloseTo(answer - outage, within(1.0));
    List<TimelineEvent> back = r.timeline().stream().filter(e -> e.message().contains("lb-us (PRIMARY)")).toList();
    assertThat(back).hasSize(1);
    assertThat(back.get(0).time()).isGreaterThan(80 * 60);
  }

  /**
   * "AZ outages => RDS Multi-AZ": zone a (the primary's) out at 20m for 30m. Multi-AZ fails over in
   * its documented 60-120 s; requests fail for the failover plus the 5 s endpoint cache, which the
   * 1 s routing steps make 3 s of requests (docs/resilience.md#the-database). The instances of zone a
   * fail too, but the load balancer (Elastic Beanstalk's checks: 5 failures 15 s apart) has taken
   * them out of service within 75 s, before the failover ends: every failed request is the
   * database's.
   */
  @Test
  void multiAzFailsOverWithinTheDocumentedTwoMinutesOfAnAzOutage() {
    RunResult r = Lessons.result("db-az-outage.yaml");
    double outage = 20 * 60;
    var rec = r.summary().recovery();
    assertThat(rec.failoverAtSeconds() - outage).isBetween(60.0, 120.0).isGreaterThan(5 * 15.0);
    double ramp = 1 + 4 / 5.0 + 3 / 5.0 + 2 / 5.0 + 1 / 5.0;
    assertThat(rec.failedRequests()).isCloseTo(Math.round(400 * (rec.failoverAtSeconds() - outage + ramp)), within(1L));
    assertThat(rec.rtoSeconds()).isCloseTo(rec.failoverAtSeconds() - outage + 5, within(1e-6));
    assertThat(rec.rpoSeconds()).as("synchronous standby").isNull();
  }

  /**
   * "Aurora Global Database ... promoted in less than 1 minute": the unplanned promotion of the
   * secondary region takes minutes (globalFailoverTime, 1m to 5m by default) and loses the
   * replication lag (1 s).
   */
  @Test
  void auroraGlobalPromotesTheSecondaryRegionInMinutesNotUnderOne() {
    RunResult r = Lessons.result("aurora-global-region-outage.yaml");
    double outage = 20 * 60;
    TimelineEvent promoted = first(r, "secondary region eu-west-1 promoted");
    assertThat(promoted.time() - outage).isBetween(60.0, 300.0).isGreaterThan(60.0);
    assertThat(r.summary().recovery().rpoSeconds()).isEqualTo(1.0);
    // the DNS failover comes first (lesson 39), so the failover time is the name's
    assertThat(r.summary().recovery().failoverAtSeconds()).isLessThan(promoted.time());
  }

  /**
   * "Short DR time: read replica -> promote"; "long DR time (few hours): backup and restore" (lesson
   * 49; docs/resilience.md#regional-outages-and-rds). us-east-1 with the primary is out from 20m
   * (1200 s) for 4 hours; 400 requests/s, every one failing until the copy in eu-west-1 takes writes,
   * then fewer over the 5 s endpoint TTL (a ramp of 1 + 4/5 + 3/5 + 2/5 + 1/5 = 3 s of requests). No
   * stale DNS clients: the name has failed over to eu-west-1 (lesson 39) long before the RDS copies
   * take writes. Backups: restoreAfter 5m + restoreTime 2h = 7500 s down, RTO 7500 + 5 s, backupRpo
   * 300 s lost. Read replica: promoteAfter 5m + promotionTime in [5m, 10m] = 600..900 s, RTO that + 5 s,
   * replicationLag 10 s lost. Aurora Global Database: globalFailoverTime 1m..5m, 1 s lost.
   */
  @Test
  void backupsTakeHoursAReadReplicaMinutesAndAGlobalDatabaseAboutTheDnsFailover() {
    double outage = 20 * 60;
    double ramp = 1 + 4 / 5.0 + 3 / 5.0 + 2 / 5.0 + 1 / 5.0;
    RunResult backups = Lessons.result("dr-backup-restore.yaml");
    TimelineEvent restored = first(backups, "the instance restored in eu-west-1 is the primary");
    assertThat(restored.time() - outage).isEqualTo(300 + 7200.0);
    assertThat(backups.summary().recovery().rpoSeconds()).isEqualTo(300.0);
    assertThat(backups.summary().recovery().rtoSeconds()).isCloseTo(300 + 7200 + 5, within(1e-6));
    assertThat(backups.summary().recovery().failedRequests()).isCloseTo(Math.round(400 * (300 + 7200 + ramp)),
        within(1L));

    RunResult replica = Lessons.result("dr-read-replica.yaml");
    TimelineEvent promoted = first(replica, "the promoted read replica in eu-west-1 is a standalone primary");
    double down = promoted.time() - outage;
    assertThat(down).isBetween(300 + 300.0, 300 + 600.0);
    assertThat(replica.summary().recovery().rpoSeconds()).isEqualTo(10.0);
    assertThat(replica.summary().recovery().rtoSeconds()).isCloseTo(down + 5, within(1e-6));
    assertThat(replica.summary().recovery().failedRequests()).isCloseTo(Math.round(400 * (down + ramp)), within(1L));

    RunResult global = Lessons.result("dr-aurora-global.yaml");
    double dns = first(global, "name servers now answer lb-eu").time();
    assertThat(first(global, "secondary region eu-west-1 promoted").time() - outage).isBetween(60.0, 300.0);
    assertThat(global.summary().recovery().rpoSeconds()).isEqualTo(1.0);
    // the database is back before the name's clients have moved: the RTO is the DNS failover plus one TTL (60 s)
    assertThat(global.summary().recovery().rtoSeconds()).isCloseTo(dns - outage + 60, within(1.0));
    assertThat(global.summary().traffic().failedRequests()).isLessThan(replica.summary().traffic().failedRequests());
    assertThat(replica.summary().traffic().failedRequests()).isLessThan(backups.summary().traffic().failedRequests());
  }

  /**
   * "Blue/green: 2x(cfn+asg+elb)+route53" when the new stack fails 3 minutes after the swap (lesson
   * 48): at 10m every green instance fails and launches fail until 15m. Without health on the
   * records the name stays on green: the 95% ordinary clients (380 requests/s) fail at least for the
   * 5 minutes no replacement can launch, at least 380 x 300 = 114,000 requests. With a health check
   * (30 s x 3) on each record, green's load balancer answers with errors, so detection is
   * (3 - 1) x 30 + 12/15 x 30 + d = 84..86 s (docs/platforms/route53.md#health-checks), then the
   * propagation (at most 60 s) and one TTL (60 s, half of the clients on average): ordinary clients
   * fail for at most 86 + 60 + 30 = 176 s, 380 x 176 = 66,880 requests; the 5% stale clients (20
   * requests/s) fail until green serves again, before 16m30s (5 minutes of failed launches, then a
   * launch of at most about 90 s): 20 x 390 = 7,800 more, 74,680 at most.
   */
  @Test
  void aHealthCheckedDnsSwapSendsClientsBackToTheKeptStackWhenTheNewOneFails() {
    RunResult unchecked = Lessons.result("blue-green-route53-green-fails.yaml");
    RunResult checked = Lessons.result("blue-green-route53-health-checked.yaml");
    double fault = 10 * 60;
    assertThat(unchecked.timeline()).noneMatch(e -> e.message().startsWith("route53:"));
    assertThat(unchecked.summary().traffic().failedRequests()).isGreaterThanOrEqualTo(380 * 300);
    double detected = first(checked, "green-lb-check of green-lb is unhealthy").time();
    assertThat(detected - fault).isGreaterThanOrEqualTo(2 * 30 + 12 * 30 / 15.0).isLessThan(2 * 30 + 13 * 30 / 15.0);
    double answer = first(checked, "name servers now answer blue-lb (failover to SECONDARY)").time();
    assertThat(answer - detected).isBetween(0.0, 60.0);
    assertThat(checked.summary().traffic().failedRequests()).isLessThanOrEqualTo(380 * (86 + 60 + 30) + 20 * 390);
    // no rollback: Route 53 took the clients away and back; the pipeline found green healthy at the end
    assertThat(checked.summary().outcome()).isEqualTo(dev.deploysim.result.Outcome.SUCCEEDED);
    assertThat(first(checked, "name servers now answer green-lb (PRIMARY)").time()).isGreaterThan(15 * 60);
  }

  /**
   * Lesson 50, deploying region by region: every fleet one after the other, us-east-1 first
   * (docs/resilience.md#deploying-several-fleets). Weighted records 2:1 over 600 requests/s give
   * eu-west-1 200 requests/s. With OneAtATime the alarm stops us-east-1 while it still deploys, so
   * eu-west-1 never gets v2 and serves its 200 requests/s in every sample. With HalfAtATime
   * us-east-1 finishes first and keeps v2; with the small region first eu-west-1 does.
   */
  @Test
  void regionByRegionStopsABadVersionInTheFirstRegionOnlyWhileItStillDeploys() {
    RunResult slow = Lessons.result("region-by-region.yaml");
    assertThat(slow.summary().outcome()).isEqualTo(dev.deploysim.result.Outcome.ROLLED_BACK);
    assertThat(slow.summary().outcomeReason()).endsWith("app-eu (eu-west-1) not deployed: app-us (us-east-1) rolled back");
    assertThat(slow.timeline()).noneMatch(e -> e.message().startsWith("app-eu: "));
    assertThat(slow.summary().finalVersions()).containsExactly(java.util.Map.entry("v1", 9));
    double[] eu = slow.timeSeries().series("servedRps_eu-west-1");
    for (int k = 0; k < eu.length; k++) {
      assertThat(eu[k]).as("eu-west-1 at row %d", k).isCloseTo(600.0 / 3, within(1e-6));
    }
    double alarm = first(slow, "high-5xx OK -> ALARM").time();
    assertThat(alarm).isLessThan(first(slow, "app-us: rollback finished").time());

    RunResult fast = Lessons.result("region-by-region-fast.yaml");
    assertThat(first(fast, "app-us: deployment succeeded").time()).isLessThan(first(fast, "high-5xx OK -> ALARM").time());
    assertThat(fast.summary().outcome()).isEqualTo(dev.deploysim.result.Outcome.FAILED);
    assertThat(fast.summary().outcomeReason()).contains("app-us (us-east-1) keeps v2 (deployed before)");
    assertThat(fast.summary().finalVersions()).containsEntry("v2", 6);
    assertThat(fast.summary().traffic().failedRequests()).isGreaterThan(10 * slow.summary().traffic().failedRequests());

    // a 5-minute bake after us-east-1: the alarm goes off during it and eu-west-1 is never deployed
    RunResult bake = Lessons.result("region-by-region-bake.yaml");
    double usEnd = first(bake, "app-us: deployment succeeded").time();
    assertThat(first(bake, "high-5xx OK -> ALARM").time()).isBetween(usEnd, usEnd + 300);
    assertThat(bake.timeline()).noneMatch(e -> e.message().startsWith("app-eu: "));
    assertThat(bake.summary().outcomeReason()).endsWith("app-eu (eu-west-1) not deployed: alarm high-5xx went to "
        + "ALARM during the bake after app-us (us-east-1)");
    assertThat(bake.summary().finalVersions()).containsEntry("v2", 6).containsEntry("v1", 3);

    RunResult smallFirst = Lessons.result("region-by-region-small-first.yaml");
    assertThat(first(smallFirst, "app-eu: deployment succeeded").time())
        .isLessThan(first(smallFirst, "high-5xx OK -> ALARM").time());
    assertThat(smallFirst.summary().outcomeReason()).contains("app-eu (eu-west-1) keeps v2 (deployed before)");
    assertThat(smallFirst.summary().finalVersions()).containsEntry("v2", 3);
    assertThat(smallFirst.summary().traffic().failedRequests()).isGreaterThan(slow.summary().traffic().failedRequests());
  }
}
