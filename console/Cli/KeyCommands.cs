using System.CommandLine;
using Monitor.Control.Composition;
using Monitor.Control.Fleet;

namespace Monitor.Control.Cli;

/// <summary>`monitor key rotate`: a new console key, rolled out to every agent (with the old key's role and name)
/// and proven there before the old key is retired; progress one line per step.</summary>
public static class KeyCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var key = new Command("key", "This console's key pair");
        var rotate = new Command("rotate", "Make a new console key, add it to every server's agent, then retire the old key (needs the admin role on each agent)");
        CliAction.Set(rotate, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("key rotate");
            var config = MonitorServicesFactory.LoadConfig(ctx.ConfigPath);
            var keyPath = ConsolePaths.RelativeTo(ctx.ConfigPath, config.Console.KeyFile);
            var services = await ctx.ServicesAsync(ct);
            var rotation = new KeyRotationService(services.Directory!, services.Agents, services.Recorder!);
            var result = await rotation.RotateAsync(keyPath, new SyncProgress<string>(line => ctx.Err.WriteLine(line)), ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return result.Warnings.Count == 0 ? 0 : 1; }
            ctx.Out.WriteLine($"console key {result.OldFingerprint} -> {result.NewFingerprint}");
            foreach (var line in result.Servers) ctx.Out.WriteLine(line);
            foreach (var warning in result.Warnings) ctx.Err.WriteLine($"warning: {warning}");
            return result.Warnings.Count == 0 ? 0 : 1;
        });
        key.Add(rotate);
        return key;
    }
}
