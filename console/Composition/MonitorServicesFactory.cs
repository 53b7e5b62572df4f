using Monitor.Control.Agents;
using Monitor.Control.Config;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Security;

namespace Monitor.Control.Composition;

/// <summary>Builds <see cref="MonitorServices"/> from monitor.toml: the store from [console], the key from key_file,
/// and every [[servers]] entry upserted into the store.</summary>
public static class MonitorServicesFactory
{
    public static Task<MonitorServices> OpenAsync(MonitorConfig config, string configPath, CancellationToken ct = default) =>
        OpenAsync(config, configPath, null, ct);

    /// <summary>As <see cref="OpenAsync(MonitorConfig, string, CancellationToken)"/>, with agent timing (tests shorten it).</summary>
    public static async Task<MonitorServices> OpenAsync(MonitorConfig config, string configPath, AgentClientOptions? agentOptions, CancellationToken ct = default)
    {
        var user = ConsoleUser(config);
        var keyPath = ConfigPaths.RelativeToConfig(configPath, config.Console.KeyFile);
        if (!File.Exists(keyPath))
            throw new OperationFailedException($"no console key at {keyPath}; run `monitor init` to create one", "config");
        ConsoleKeyPair key;
        try
        {
            key = ConsoleKeyPair.Load(keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new OperationFailedException($"cannot read the console key {keyPath}: {ex.Message}; check its permissions or run `monitor init` with a fresh key_file", "config", ex);
        }

        var store = await OpenStoreAsync(config, configPath, ct).ConfigureAwait(false);
        try
        {
            foreach (var declared in config.Servers)
            {
                var existing = await store.GetServerAsync(declared.Name, ct).ConfigureAwait(false);
                var server = (existing ?? new ServerInfo { Name = declared.Name, Url = declared.Url }) with
                {
                    Url = declared.Url,
                    Description = declared.Description ?? existing?.Description,
                    Tags = declared.Tags.Count > 0 ? declared.Tags : existing?.Tags ?? [],
                };
                if (existing != server) await store.UpsertServerAsync(server, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            key.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var agents = new AgentClientFactory(key, user, agentOptions);
        var recorder = new ActionRecorder(store, user);
        return new MonitorServices
        {
            User = user,
            StoreDescription = Describe(config, configPath),
            Store = store,
            Agents = agents,
            Servers = new ServerService(store, agents, recorder),
            Containers = new ContainerService(store, agents, recorder),
            Logs = new LogService(store, agents),
            Commands = new CommandService(store, agents, recorder),
            History = new HistoryService(store),
            Recorder = recorder,
            Stacks = new Stacks.StackService(store, agents, user, config.Registry),
        };
    }

    /// <summary>Opens and migrates the configured store.</summary>
    public static async Task<IStateStore> OpenStoreAsync(MonitorConfig config, string configPath, CancellationToken ct = default)
    {
        IStateStore store;
        try
        {
            store = config.Console.Store == "postgres"
                ? new PostgresStateStore(config.Console.Postgres ?? "")
                : new SqliteStateStore(SqlitePath(config, configPath));
        }
        catch (Exception ex) when (ex is ArgumentException or StateStoreException or IOException)
        {
            throw new OperationFailedException($"cannot open the {config.Console.Store} store: {ex.Message}; check [console] in {configPath}", "config", ex);
        }
        try
        {
            await store.MigrateAsync(ct).ConfigureAwait(false);
            return store;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new OperationFailedException($"cannot open the store ({Describe(config, configPath)}): {ex.Message}; check [console] in {configPath}", "config", ex);
        }
    }

    public static string SqlitePath(MonitorConfig config, string configPath) =>
        ConfigPaths.RelativeToConfig(configPath, config.Console.SqlitePath);

    public static string ConsoleUser(MonitorConfig config) =>
        !string.IsNullOrWhiteSpace(config.Console.User) ? config.Console.User! : Environment.UserName;

    private static string Describe(MonitorConfig config, string configPath) =>
        config.Console.Store == "postgres" ? "PostgreSQL" : $"SQLite {SqlitePath(config, configPath)}";
}
