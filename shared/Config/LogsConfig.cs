namespace Monitor.Shared.Config;

/// <summary>[logs]: which logs `monitor serve` keeps in the store, and for how long. <see cref="Keep"/> entries apply to
/// every server: a container name, <c>app:NAME</c>, <c>logfile:PATTERN</c> (a glob over the file's path or name) or
/// <c>stack:NAME</c> (every container of the stack). <c>[[servers]] keep_logs</c> adds entries for one server;
/// <c>[[stacks]] keep_logs = true</c> keeps that stack's containers wherever they run.</summary>
public sealed class LogsConfig
{
    public List<string> Keep { get; set; } = [];
    /// <summary>Kept lines older than this are pruned ("14d").</summary>
    public string Retention { get; set; } = "14d";
    /// <summary>The kept logs' size cap ("5GB"); the oldest lines go first.</summary>
    public string MaxSize { get; set; } = "5GB";
}
