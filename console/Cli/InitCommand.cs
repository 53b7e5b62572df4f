using System.CommandLine;
using Monitor.Control.Composition;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.Control.Cli;

/// <summary>`monitor init`: config dir, key pair (never overwritten), default monitor.toml, store; prints the key line.</summary>
public static class InitCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("init", "Create the config, this console's key pair and the store; print the public key for agents");
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            var configPath = ctx.ConfigPath;
            Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
            var createdConfig = false;
            if (!File.Exists(configPath)) { await File.WriteAllTextAsync(configPath, DefaultConfig.Text + "\n", ct); createdConfig = true; }
            var config = MonitorServicesFactory.LoadConfig(configPath);
            var keyPath = ConsolePaths.RelativeTo(configPath, config.Console.KeyFile);
            var createdKey = false;
            var comment = $"{Environment.UserName}@{Environment.MachineName}";
            if (!File.Exists(keyPath))
            {
                using var fresh = ConsoleKeyPair.Generate();
                fresh.Save(keyPath, comment);
                createdKey = true;
            }
            using var key = ConsoleKeyPair.Load(keyPath);
            await using (var store = MonitorServicesFactory.CreateStore(config.Console, configPath))
                await store.MigrateAsync(ct);
            var line = key.PublicKeyLine(comment);
            if (ctx.Json)
                Output.Json(ctx.Out, new InitJson(configPath, createdConfig, keyPath, createdKey, line, key.Fingerprint));
            else
            {
                ctx.Out.WriteLine($"config: {configPath}{(createdConfig ? " (created)" : "")}");
                ctx.Out.WriteLine($"key:    {keyPath}{(createdKey ? " (created)" : "")}  {key.Fingerprint}");
                ctx.Out.WriteLine("Add this line to each agent's authorized_keys:");
                ctx.Out.WriteLine(line);
            }
            return 0;
        });
        return command;
    }

    /// <summary>`init --json`.</summary>
    internal sealed record InitJson(string Config, bool CreatedConfig, string Key, bool CreatedKey, string PublicKey, string Fingerprint);
}
