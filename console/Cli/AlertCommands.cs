using System.CommandLine;
using Monitor.Control.Alerts;
using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>`monitor alert list [--open] [--json]` and `monitor alert silence SERVER --for 2h`.</summary>
public static class AlertCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var alert = new Command("alert", "Alerts raised by `monitor serve` ([watch] rules) and silences");

        var open = new Option<bool>("--open") { Description = "Only alerts still open" };
        var list = new Command("list", "Alerts, newest first") { open };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var alerts = await Book(services).ListAsync(ctx.Parse.GetValue(open), ct);
            if (ctx.Json) { Output.Json(ctx.Out, alerts); return 0; }
            Output.Table(ctx.Out, ["OPENED", "RESOLVED", "SEVERITY", "RULE", "SERVER", "SUBJECT", "MESSAGE"], alerts.Select(a => new[]
            {
                Output.Time(a.Opened), a.Resolved is { } r ? Output.Time(r) : "OPEN", a.Severity.ToString().ToLowerInvariant() + (a.Silenced ? " (silenced)" : ""),
                a.Rule, a.Server, a.Subject, a.Message,
            }));
            return 0;
        });

        var server = new Argument<string>("server") { Description = "Server name" };
        var duration = new Option<string>("--for") { Description = "How long (e.g. 30m, 2h, 1d)", Required = true };
        var silence = new Command("silence", "Open alerts of a server without notifying anyone for a while (maintenance)") { server, duration };
        CliAction.Set(silence, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("alert silence");
            if (!DurationText.TryParse(ctx.Parse.GetValue(duration), out var span))
                throw new OperationFailedException($"--for '{ctx.Parse.GetValue(duration)}' is not a duration; write e.g. 30m, 2h or 1d", "invalid_argument");
            var services = await ctx.ServicesAsync(ct);
            var name = ctx.Parse.GetValue(server)!;
            if (services.Directory is { } directory) await directory.GetAsync(name, ct);
            var book = Book(services);
            await book.SilenceAsync(name, span, ct);
            var until = await book.SilencedUntilAsync(name, ct);
            if (ctx.Json) Output.Json(ctx.Out, new SilencedJson(name, until)); else ctx.Out.WriteLine($"{name}: alerts silenced until {Output.Time(until)}");
            return 0;
        });

        alert.Add(list);
        alert.Add(silence);
        return alert;
    }

    private static AlertBook Book(Composition.MonitorServices services) =>
        new(services.Store, services.Recorder ?? new ActionRecorder(services.Store, services.User), null, TimeProvider.System);

    /// <summary>`alert silence --json`.</summary>
    internal sealed record SilencedJson(string Server, DateTimeOffset? Until);
}
