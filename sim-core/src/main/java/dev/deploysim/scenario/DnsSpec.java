package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;
import java.util.List;

/**
 * DNS for the application's name.
 *
 * @param ttl seconds clients cache an answer (default 60, the ELB alias TTL)
 * @param staleClientFraction share of clients that ignore the TTL (default 0.05, an assumption)
 * @param staleClientMaxAge how long those clients keep an answer at most (default 15m)
 * @param records Route 53 records (failover or weighted, with health checks); empty: the name is an
 *     alias of the deployed environment's load balancer, as strategies set it
 * @param propagation time from a health check's change of status until Route 53's name servers
 *     answer accordingly (default 0s..60s: "generally within 60 seconds", an upper bound)
 */
public record DnsSpec(double ttl, double staleClientFraction, double staleClientMaxAge, List<DnsRecordSpec> records,
    Distribution propagation) {

  /** Route 53's documented bound on propagating a change to its name servers, in seconds. */
  public static final double PROPAGATION_BOUND = 60;

  public DnsSpec {
    records = List.copyOf(records);
  }

  /** DNS without records: the implicit alias of the deployed environment. */
  public DnsSpec(double ttl, double staleClientFraction, double staleClientMaxAge) {
    this(ttl, staleClientFraction, staleClientMaxAge, List.of(), new Distribution.Uniform(0, PROPAGATION_BOUND));
  }

  /**
   * How long after a new answer the last client may still use the old one: the stale clients'
   * maximum age, at least one TTL.
   */
  public double lastOldAnswerAge() {
    return Math.max(staleClientMaxAge, ttl);
  }
}
