using System.CommandLine;
using Monitor.Control.Composition;
using Monitor.Control.Config;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.Control.Cli;

/// <summary>`monitor init`: config dir, key pair (never overwritten), default monitor.toml if absent, and the store.</summary>
public static class InitCommand
{
    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var command = new Command("init", "Create the config directory, this console's key pair, a default monitor.toml and the store (idempotent)");
        command.SetAction(CliContext.Action(global, settings, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken ct)
    {
        context.RequireWritable("init");
        var configPath = context.ConfigPath;
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        var configCreated = false;
        if (!File.Exists(configPath))
        {
            await File.WriteAllTextAsync(configPath, DefaultConfig.Text, ct).ConfigureAwait(false);
            configCreated = true;
        }
        var config = MonitorConfigLoader.Load(configPath);

        var keyPath = ConfigPaths.RelativeToConfig(configPath, config.Console.KeyFile);
        var keyCreated = false;
        var comment = $"{MonitorServicesFactory.ConsoleUser(config)}@{Environment.MachineName}";
        if (!File.Exists(keyPath))
        {
            using var fresh = ConsoleKeyPair.Generate();
            fresh.Save(keyPath, comment);
            keyCreated = true;
        }
        using var key = ConsoleKeyPair.Load(keyPath);
        var pubPath = keyPath + ".pub";
        var publicLine = File.Exists(pubPath) ? (await File.ReadAllTextAsync(pubPath, ct).ConfigureAwait(false)).Trim() : key.PublicKeyLine(comment);

        await using (var store = await MonitorServicesFactory.OpenStoreAsync(config, configPath, ct).ConfigureAwait(false))
        {
            var storeDescription = config.Console.Store == "postgres" ? "PostgreSQL" : MonitorServicesFactory.SqlitePath(config, configPath);
            if (context.Json)
            {
                context.Output.WriteJson(new
                {
                    config = configPath,
                    configCreated,
                    keyFile = keyPath,
                    keyCreated,
                    publicKey = publicLine,
                    fingerprint = key.Fingerprint,
                    store = storeDescription,
                });
                return ExitCodes.Ok;
            }
            context.Output.WriteLine($"config:  {configPath}{(configCreated ? " (created)" : " (kept)")}");
            context.Output.WriteLine($"key:     {keyPath}{(keyCreated ? " (created)" : " (kept)")}  {key.Fingerprint}");
            context.Output.WriteLine($"store:   {storeDescription}");
            context.Output.WriteLine("");
            context.Output.WriteLine("Add this line to each agent's authorized_keys:");
            context.Output.WriteLine(publicLine);
        }
        return ExitCodes.Ok;
    }
}
