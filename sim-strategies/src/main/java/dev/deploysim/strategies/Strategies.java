package dev.deploysim.strategies;

import dev.deploysim.strategies.apigateway.ApiGatewayCanary;
import dev.deploysim.strategies.argo.ArgoBlueGreen;
import dev.deploysim.strategies.argo.ArgoCanary;
import dev.deploysim.strategies.asg.InstanceRefresh;
import dev.deploysim.strategies.cloudformation.CfnReplacingUpdate;
import dev.deploysim.strategies.cloudformation.CfnRollingUpdate;
import dev.deploysim.strategies.alb.AlbWeightedTargetGroups;
import dev.deploysim.strategies.codedeploy.CodeDeployBlueGreen;
import dev.deploysim.strategies.codedeploy.CodeDeployInPlace;
import dev.deploysim.strategies.codedeploy.CodeDeployTrafficShift;
import dev.deploysim.strategies.eb.EbAllAtOnce;
import dev.deploysim.strategies.eb.EbBlueGreen;
import dev.deploysim.strategies.eb.EbImmutable;
import dev.deploysim.strategies.eb.EbRolling;
import dev.deploysim.strategies.eb.EbRollingAdditionalBatch;
import dev.deploysim.strategies.eb.EbTrafficSplitting;
import dev.deploysim.strategies.flagger.FlaggerCanary;
import dev.deploysim.strategies.k8s.K8sRecreate;
import dev.deploysim.strategies.k8s.K8sRollingUpdate;
import dev.deploysim.strategies.opsworks.OpsWorksBlueGreen;
import dev.deploysim.strategies.opsworks.OpsWorksDeploy;
import dev.deploysim.strategies.opsworks.OpsWorksRolling;
import dev.deploysim.strategies.route53.Route53Weighted;
import dev.deploysim.strategies.route53.Route53BlueGreen;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.List;

/** Every strategy type the simulator knows. A new strategy is one class plus one line here. */
public final class Strategies {
  private Strategies() {}

  public static StrategyCatalog catalog() {
    return new StrategyCatalog(List.of(
        new EbAllAtOnce(),
        new EbRolling(),
        new EbRollingAdditionalBatch(),
        new EbImmutable(),
        new EbTrafficSplitting(),
        new EbBlueGreen(),
        new CodeDeployInPlace(),
        new CodeDeployBlueGreen(),
        new CodeDeployTrafficShift(),
        new Route53Weighted(),
        new Route53BlueGreen(),
        new AlbWeightedTargetGroups(),
        new K8sRollingUpdate(),
        new K8sRecreate(),
        new ArgoCanary(),
        new ArgoBlueGreen(),
        new FlaggerCanary(),
        new InstanceRefresh(),
        new CfnRollingUpdate(),
        new CfnReplacingUpdate(),
        new ApiGatewayCanary(),
        new OpsWorksDeploy(),
        new OpsWorksRolling(),
        new OpsWorksBlueGreen()));
  }
}
