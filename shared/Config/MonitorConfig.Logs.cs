namespace Monitor.Shared.Config;

public sealed partial class MonitorConfig
{
    /// <summary>[logs]: central log keeping (shipped by `monitor serve`, searched by `monitor logs search`).</summary>
    public LogsConfig? Logs { get; set; }
}
