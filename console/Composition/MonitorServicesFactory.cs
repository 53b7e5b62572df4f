using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.Control.Composition;

/// <summary>Builds the application services from monitor.toml: the store, this console's key, the agent clients.</summary>
public static class MonitorServicesFactory
{
    public static MonitorConfig LoadConfig(string configPath)
    {
        if (!File.Exists(configPath))
            throw new ConfigException(configPath, 1, 1, "no config here; run `monitor init` (or pass --config PATH / set MONITOR_CONFIG)");
        var config = TomlConfigLoader.Load<MonitorConfig>(configPath, options => new MonitorTomlContext(options));
        ConfigValidator.Validate(config, configPath);
        ConfigFileReferences.Resolve(config, configPath);
        return config;
    }

    public static async Task<MonitorServices> OpenAsync(string configPath, AgentClientOptions? agentOptions = null, CancellationToken ct = default)
    {
        var config = LoadConfig(configPath);
        var store = CreateStore(config.Console, configPath);
        try
        {
            await store.MigrateAsync(ct).ConfigureAwait(false);
            var keyPath = ConsolePaths.RelativeTo(configPath, config.Console.KeyFile);
            if (!File.Exists(keyPath))
                throw new ConfigException(configPath, 1, 1, $"console key {keyPath} is missing; run `monitor init` to create it");
            var user = string.IsNullOrWhiteSpace(config.Console.User) ? Environment.UserName : config.Console.User;
            // Nothing is written here: monitor.toml's [[servers]] and [[stacks]] reach the store through `monitor sync`.
            var services = Build(store, ConsoleKeyPair.Load(keyPath), user, StoreDescription(config.Console, configPath), agentOptions, config.Registry, config.Watch);
            services.Bootstrap = Fleet.ServerBootstrap.For(services, keyPath);
            return services;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static MonitorServices Build(IStateStore store, ConsoleKeyPair key, string user, string storeDescription, AgentClientOptions? agentOptions = null, RegistryConfig? registry = null,
        WatchConfig? watch = null)
    {
        Fleet.ServerTrustService? trust = null;
        var agents = new AgentClientFactory(key, user, agentOptions,
            (server, fingerprint) => trust?.RememberFirstUseAsync(server, fingerprint, CancellationToken.None) ?? Task.CompletedTask);
        var recorder = new ActionRecorder(store, user, $"{user} {key.Fingerprint}");
        var directory = new ServerDirectory(store, agents);
        var locks = new Stacks.StackLocks(store);
        var servers = new ServerService(directory, agents, recorder);
        trust = new Fleet.ServerTrustService(directory, servers, recorder);
        return new MonitorServices
        {
            User = user,
            StoreDescription = storeDescription,
            Store = store,
            Agents = agents,
            Recorder = recorder,
            Devices = new Devices.DeviceService(store, recorder, TimeProvider.System),
            Directory = directory,
            Servers = servers,
            Trust = trust,
            Presence = new FleetPresence(agents, TimeSpan.FromSeconds(10)),
            Watch = new Watch.WatchView(store, directory, recorder, watch ?? new WatchConfig(), TimeProvider.System),
            Containers = new ContainerService(directory, recorder),
            Logs = new LogService(directory),
            Commands = new CommandService(directory, recorder),
            History = new HistoryService(store),
            LogSearch = new LogSearch.LogSearchService(store),
            Docker = new DockerService(directory, recorder),
            Exec = new Exec.ExecService(directory, recorder),
            Apps = new Apps.AppService(directory, recorder),
            Stacks = new Stacks.StackService(store, agents, directory, recorder, locks, registry),
            StacksFor = other => new Stacks.StackService(store, agents, directory, recorder.As(other), locks, registry),
        };
    }

    public static IStateStore CreateStore(ConsoleSection console, string configPath) => console.Store.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteStateStore(ConsolePaths.RelativeTo(configPath, console.SqlitePath)),
        "postgres" when !string.IsNullOrWhiteSpace(console.Postgres) => new PostgresStateStore(console.Postgres),
        "postgres" => throw new ConfigException(configPath, 1, 1, "[console] store = \"postgres\" needs `postgres = \"Host=...;Username=...;Password=...;Database=...\"`"),
        var other => throw new ConfigException(configPath, 1, 1, $"[console] store = \"{other}\" is not known; use \"sqlite\" or \"postgres\""),
    };

    private static string StoreDescription(ConsoleSection console, string configPath) =>
        console.Store.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "postgres" : $"sqlite:{ConsolePaths.RelativeTo(configPath, console.SqlitePath)}";
}
