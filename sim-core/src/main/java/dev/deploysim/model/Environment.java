package dev.deploysim.model;

/**
 * A deployable environment: an Auto Scaling group behind a load balancer's target group (an
 * Elastic Beanstalk environment, one stack of a Route 53 weighted setup).
 */
public record Environment(String name, AutoScalingGroup group, LoadBalancer loadBalancer, TargetGroup targetGroup) {}
