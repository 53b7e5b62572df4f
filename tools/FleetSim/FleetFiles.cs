using System.Text;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.FleetSim;

/// <summary>The files a console needs to use the simulated fleet, all in one directory: a console key pair
/// (console_key.pem), the agents' authorized_keys (that key, role admin), the agents' TLS certificate (tls/) and a
/// monitor.toml listing every simulated server (SQLite store monitor.db beside it unless a PostgreSQL connection
/// string is given).</summary>
public sealed class FleetFiles
{
    private FleetFiles(string directory, AgentConfig agentConfig, ConsoleKeyPair key, string? postgres)
    {
        Directory = directory; AgentConfig = agentConfig; ConsoleKey = key; Postgres = postgres;
    }

    public string Directory { get; }
    public AgentConfig AgentConfig { get; }
    public ConsoleKeyPair ConsoleKey { get; }
    public string? Postgres { get; }
    public string KeyFile => Path.Combine(Directory, "console_key.pem");
    public string ConfigFile => Path.Combine(Directory, "monitor.toml");

    public static FleetFiles Create(FleetOptions options)
    {
        var dir = System.IO.Directory.CreateDirectory(options.Directory).FullName;
        var keyFile = Path.Combine(dir, "console_key.pem");
        ConsoleKeyPair key;
        if (File.Exists(keyFile)) key = ConsoleKeyPair.Load(keyFile);
        else { key = ConsoleKeyPair.Generate(); key.Save(keyFile, "fleetsim"); }
        var authorized = Path.Combine(dir, "authorized_keys");
        File.WriteAllText(authorized, $"{ConsoleKeyPair.KeyType} {key.PublicKeyBase64} role=admin name=fleetsim\n");
        var config = new AgentConfig
        {
            Listen = "127.0.0.1:0",
            AuthorizedKeys = authorized,
            WorkDir = dir,
            MaxRequestsPerSecond = 1000,
            AuthTimeoutSeconds = 10,
        };
        return new FleetFiles(dir, config, key, options.Postgres);
    }

    /// <summary>Writes monitor.toml with one [[servers]] per simulated server (apply it with `monitor sync`).</summary>
    public void WriteConsoleConfig(IEnumerable<(string Name, string Url)> servers)
    {
        var toml = new StringBuilder();
        toml.AppendLine("# Written by tools/FleetSim: the simulated fleet. `monitor --config THIS sync` puts the servers in the store.");
        toml.AppendLine("[console]");
        if (Postgres is { Length: > 0 } pg)
        {
            toml.AppendLine("store = \"postgres\"");
            toml.AppendLine($"postgres = \"{pg.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        else toml.AppendLine("sqlite_path = \"monitor.db\"");
        toml.AppendLine("key_file = \"console_key.pem\"");
        toml.AppendLine("user = \"fleetsim\"");
        foreach (var (name, url) in servers)
        {
            toml.AppendLine();
            toml.AppendLine("[[servers]]");
            toml.AppendLine($"name = \"{name}\"");
            toml.AppendLine($"url = \"{url}\"");
        }
        File.WriteAllText(ConfigFile, toml.ToString());
    }
}
