namespace Monitor.Shared.Protocol;

/// <summary>What a console key may do on an agent (the <c>role=</c> option of its authorized_keys line). Each method
/// descriptor names the least role it needs; a higher role may do everything a lower one may.</summary>
public enum AgentRole
{
    /// <summary>Lists, inspect, logs, metrics: reads only.</summary>
    Viewer = 0,
    /// <summary>Start/stop/restart/remove and the deploy steps.</summary>
    Operator = 1,
    /// <summary>command.run, exec, upgrades, volumes: anything.</summary>
    Admin = 2,
}
