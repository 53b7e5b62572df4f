namespace Monitor.Agent;

public static class AgentVersion
{
    public static string Value { get; } =
        typeof(AgentVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
