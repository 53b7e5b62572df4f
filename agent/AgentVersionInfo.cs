using System.Reflection;

namespace Monitor.Agent;

public static class AgentVersionInfo
{
    public static string Version { get; } =
        typeof(AgentVersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AgentVersionInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
