using Monitor.Agent.Hosting;
using Monitor.Shared.Config;

// monitor-agent [--config PATH]: serves the console's WebSocket until SIGINT/SIGTERM.
string? configPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length: configPath = args[++i]; break;
        case "-h" or "--help":
            Console.WriteLine("usage: monitor-agent [--config PATH]\n  config: --config, else MONITOR_AGENT_CONFIG, else /etc/monitor-agent/agent.toml (optional)\n  every key can be overridden by MONITOR_AGENT_<KEY>, e.g. MONITOR_AGENT_LISTEN=0.0.0.0:8120");
            return 0;
        default:
            Console.Error.WriteLine($"monitor-agent: unknown argument '{args[i]}' (try --help)");
            return 2;
    }
}

try
{
    var config = AgentConfigLoader.Load(configPath);
    var keys = Monitor.Shared.Security.AuthorizedKeys.Load(config.AuthorizedKeys, out var problems);
    foreach (var problem in problems) Console.Error.WriteLine($"monitor-agent: warning: {problem}");
    if (keys.Count == 0) Console.Error.WriteLine($"monitor-agent: warning: no authorized console keys in {config.AuthorizedKeys}; no console can connect until you add one (`monitor init` prints it)");
    await using var host = await AgentHost.StartAsync(config);
    Console.WriteLine($"monitor-agent {Monitor.Agent.AgentVersion.Value} listening on {host.Url} ({keys.Count} authorized console key(s))");
    var stop = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    await stop.Task;
    return 0;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"monitor-agent: {e.Message}");
    return 2;
}
catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"monitor-agent: cannot listen: {e.Message}; another agent running? change `listen`");
    return 1;
}
