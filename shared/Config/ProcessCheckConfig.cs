namespace Monitor.Shared.Config;

/// <summary>[[watch.processes]]: a process to check on some servers, by executable name (default: the name) or pidfile.</summary>
public sealed class ProcessCheckConfig
{
    public string Name { get; set; } = "";
    public string? Executable { get; set; }
    public string? Pidfile { get; set; }
    /// <summary>Servers to check it on (empty = all, narrowed by <see cref="Tags"/>).</summary>
    public List<string> Servers { get; set; } = [];
    public List<string> Tags { get; set; } = [];
}
