using System.Runtime.InteropServices;
using Monitor.Agent;
using Monitor.Agent.Configuration;
using Monitor.Agent.Hosting;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

// monitor-agent [--config PATH]
string? configArg = null;
var printFingerprint = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length:
            configArg = args[++i];
            break;
        case "--fingerprint":
            printFingerprint = true;
            break;
        case "--version":
            Console.WriteLine($"monitor-agent {AgentVersionInfo.Version}");
            return 0;
        case "-h" or "--help":
            Console.WriteLine("usage: monitor-agent [--config PATH] [--fingerprint]   (else $MONITOR_AGENT_CONFIG, else /etc/monitor-agent/agent.toml)");
            return 0;
        default:
            Console.Error.WriteLine($"monitor-agent: unknown argument '{args[i]}'; usage: monitor-agent [--config PATH]");
            return 2;
    }
}

var path = AgentConfigLoader.ResolvePath(configArg, Environment.GetEnvironmentVariable);
AgentConfig config;
try
{
    config = AgentConfigLoader.Load(path, Environment.GetEnvironmentVariable);
}
catch (ConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (printFingerprint)
{
    // Prints (making it first when needed) the certificate fingerprint consoles pin: compare it with `monitor server add`.
    if (!config.Tls) { Console.Error.WriteLine($"monitor-agent: tls = false in {path}: this agent serves plain ws:// and has no certificate"); return 1; }
    try
    {
        using var certificate = Monitor.Agent.Fleet.AgentCertificate.LoadOrCreate(config);
        Console.WriteLine(CertificateFingerprint.Of(certificate));
        return 0;
    }
    catch (ConfigException ex) { Console.Error.WriteLine(ex.Message); return 2; }
}

var keys = AuthorizedKeys.Load(config.AuthorizedKeys, out var problems);
foreach (var problem in problems) Console.Error.WriteLine($"warning: {problem}");

// Signals are taken before the port opens, so a stop asked for while starting is a clean stop too.
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.TrySetResult(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.TrySetResult(); });

AgentHost host;
try
{
    host = await AgentHost.StartAsync(config);
}
catch (ConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"monitor-agent: cannot listen on {config.Listen}: {ex.Message}; free the port or change listen in {path}");
    return 1;
}

var source = File.Exists(path) ? path : $"defaults + environment (no file at {path})";
Console.WriteLine($"monitor-agent {AgentVersionInfo.Version} listening on {host.Url} with {keys.Count} authorized key(s) from {config.AuthorizedKeys}; config: {source}");
Console.WriteLine(host.TlsFingerprint is { } fingerprint
    ? $"TLS certificate fingerprint {fingerprint} (consoles pin it: compare with `monitor server add`)"
    : "warning: tls = false: plain ws://, frames are not encrypted; use it only on a trusted network");

Monitor.Agent.Fleet.UpgradeHandover.Enable(args);
return await Monitor.Agent.Fleet.UpgradeHandover.ServeAsync(host, config, stop.Task);
