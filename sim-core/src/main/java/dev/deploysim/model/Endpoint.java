package dev.deploysim.model;

/** Something a DNS record can point at: a load balancer or a Lambda alias. */
public sealed interface Endpoint permits LoadBalancer, LambdaAlias {
  String name();

  /** False once deleted: requests sent to it fail. */
  boolean exists();
}
