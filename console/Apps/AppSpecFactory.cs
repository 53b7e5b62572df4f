using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Apps;

/// <summary>Turns [[apps]] into what agents run: memory parsed, secret env values read from the console's environment.</summary>
public static class AppSpecFactory
{
    public static AppSpec Create(AppConfig app)
    {
        if (string.IsNullOrWhiteSpace(app.Name))
            throw new OperationFailedException("[[apps]] entry without a name; add name = \"...\"", "invalid_argument");
        var secrets = app.SecretEnv.ToDictionary(kv => kv.Key,
            kv => SecretSource.Read(kv.Value, null, $"app {app.Name} secret_env {kv.Key}") ?? "");
        return new AppSpec(app.Name, app.Command, app.Cwd, app.Env.Count > 0 ? app.Env : null, secrets.Count > 0 ? secrets : null,
            app.User, app.Restart, ContainerSpecFactory.ParseMemory(app.Memory, $"app {app.Name}"), app.Cpus,
            app.StopSignal, app.StopTimeoutSeconds, app.LogMaxBytes);
    }

    /// <summary>Server → the apps it runs, in config order.</summary>
    public static IReadOnlyDictionary<string, List<AppSpec>> ByServer(IEnumerable<AppConfig> apps)
    {
        var result = new SortedDictionary<string, List<AppSpec>>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            if (app.Servers.Count == 0)
                throw new OperationFailedException($"app {app.Name}: servers is empty; list where it runs, e.g. servers = [\"web-01\"]", "invalid_argument");
            var spec = Create(app);
            foreach (var server in app.Servers)
            {
                if (!result.TryGetValue(server, out var list)) result[server] = list = [];
                list.Add(spec);
            }
        }
        return result;
    }
}
