package dev.deploysim.scenario;

/**
 * DNS for the application's name.
 *
 * @param ttl seconds clients cache an answer (default 60, the ELB alias TTL)
 * @param staleClientFraction share of clients that ignore the TTL (default 0.05, an assumption)
 * @param staleClientMaxAge how long those clients keep an answer at most (default 15m)
 */
public record DnsSpec(double ttl, double staleClientFraction, double staleClientMaxAge) {}
