namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // routes (the server's Caddy, through its admin API) and the agent-side target deploy step
    public static readonly RequestMethod<RouteApplyRequest, RouteApplyResult> RouteApply = new("route.apply", AgentRole.Operator);
    public static readonly RequestMethod<RouteListRequest, RouteListResult> RouteList = new("route.list", AgentRole.Viewer);
    public static readonly StreamMethod<TargetDeployRequest, TargetDeployProgress, TargetDeployResult> StackDeployTarget =
        new("stack.deploy_target", AgentRole.Operator, TimeSpan.FromMinutes(70));
}
