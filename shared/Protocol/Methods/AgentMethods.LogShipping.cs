namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // central log keeping (agent/LogShipping): container logs and app log files resume with container.logs' since and
    // logfile.read's cursor; an app's captured output needs its own cursor over the rotating output.log
    public static readonly StreamMethod<AppLogShipRequest, LogFileBatch, LogStreamEnd> AppLogShip = new("logship.app", AgentRole.Viewer);
}
