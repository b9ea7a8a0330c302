package dev.deploysim.model;

/** Something a DNS record can point at: a load balancer, a Lambda alias or an API Gateway stage. */
public sealed interface Endpoint permits LoadBalancer, LambdaAlias, ApiStage {
  String name();

  /** False once deleted: requests sent to it fail. An alias or a stage is never deleted. */
  default boolean exists() {
    return true;
  }
}
