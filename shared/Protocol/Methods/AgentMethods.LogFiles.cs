namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // app log files (agent/LogFiles)
    public static readonly RequestMethod<LogFileListRequest, LogFileListResponse> LogFileList = new("logfile.list", AgentRole.Viewer);
    public static readonly StreamMethod<LogFileReadRequest, LogFileBatch, LogStreamEnd> LogFileRead = new("logfile.read", AgentRole.Viewer);
}
