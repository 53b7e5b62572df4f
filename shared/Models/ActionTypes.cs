namespace Monitor.Shared.Models;

public static class ActionTypes
{
    public const string ServerAdd = "server.add";
    public const string ServerRemove = "server.remove";
    public const string ContainerStart = "container.start";
    public const string ContainerStop = "container.stop";
    public const string ContainerRestart = "container.restart";
    public const string ContainerRemove = "container.remove";
    public const string CommandRun = "command.run";
}
