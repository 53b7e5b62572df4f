namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // supervised apps (agent/Apps)
    public static readonly RequestMethod<AppListRequest, AppListResponse> AppList = new("app.list", AgentRole.Viewer);
    public static readonly RequestMethod<AppRef, AppDetails> AppShow = new("app.show", AgentRole.Viewer);
    public static readonly RequestMethod<AppRef, AppStatus> AppStart = new("app.start", AgentRole.Operator);
    public static readonly RequestMethod<AppRef, AppStatus> AppStop = new("app.stop", AgentRole.Operator, TimeSpan.FromMinutes(61));
    public static readonly RequestMethod<AppRef, AppStatus> AppRestart = new("app.restart", AgentRole.Operator, TimeSpan.FromMinutes(61));
    public static readonly RequestMethod<AppRef, AppStatus> AppRemove = new("app.remove", AgentRole.Operator, TimeSpan.FromMinutes(61));
    public static readonly RequestMethod<AppApplyRequest, AppApplyResult> AppApply = new("app.apply", AgentRole.Operator, TimeSpan.FromMinutes(61));
    public static readonly StreamMethod<AppLogRequest, LogBatch, LogStreamEnd> AppLogs = new("app.logs", AgentRole.Viewer);
}
