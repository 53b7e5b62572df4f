using System.CommandLine;
using System.Globalization;
using Monitor.Control.Apps;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor app list|show|start|stop|restart|logs|remove|sync`: supervised apps on servers.</summary>
public static class AppCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var app = new Command("app", "Supervised apps (programs the agents run outside containers)");

        var list = new Command("list", "List the server's apps") { GlobalOptions.Server };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var items = await (await ServiceAsync(ctx, ct)).ListAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, ct);
            if (ctx.Json) Output.Json(ctx.Out, items);
            else Output.Table(ctx.Out, ["NAME", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEMORY", "LAST EXIT"], items.Select(Row));
            return 0;
        });
        app.Add(list);

        var showName = NameArgument();
        var show = new Command("show", "An app's state, usage and definition (secret values hidden)") { showName, GlobalOptions.Server };
        CliAction.Set(show, output, error, async (ctx, ct) =>
        {
            var details = await (await ServiceAsync(ctx, ct)).ShowAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(showName)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, details); return 0; }
            var s = details.Status;
            var d = details.Spec;
            ctx.Out.WriteLine($"name:       {s.Name}");
            ctx.Out.WriteLine($"state:      {s.State}{(s.DesiredRunning ? "" : " (not to run)")}");
            ctx.Out.WriteLine($"pid:        {s.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}  uptime {Uptime(s.UptimeSeconds)}  restarts {s.Restarts}  oom kills {s.OomKills}");
            ctx.Out.WriteLine($"usage:      cpu {Cpu(s.CpuPercent)}  memory {Bytes(s.MemoryBytes)} / {(s.MemoryLimitBytes is { } l ? Bytes(l) : "no limit")}");
            ctx.Out.WriteLine($"last exit:  {s.LastExit ?? "-"}");
            ctx.Out.WriteLine($"command:    {string.Join(" ", d.Command.Select(Quote))}");
            ctx.Out.WriteLine($"cwd:        {d.Cwd ?? "(app directory)"}   user: {d.User ?? "root"}   restart: {d.Restart}   stop: SIG{d.StopSignal} then kill after {d.StopTimeoutSeconds} s");
            ctx.Out.WriteLine($"limits:     memory {(d.MemoryBytes is { } m ? Bytes(m) : "none")}, cpus {(d.Cpus is { } c ? c.ToString(CultureInfo.InvariantCulture) : "no limit")}");
            foreach (var (k, v) in d.Env ?? new Dictionary<string, string>()) ctx.Out.WriteLine($"env:        {k}={v}");
            foreach (var k in (d.SecretEnv ?? new Dictionary<string, string>()).Keys) ctx.Out.WriteLine($"secret env: {k}=***");
            ctx.Out.WriteLine($"log:        {details.LogPath}");
            ctx.Out.WriteLine($"cgroup:     {details.Cgroup}");
            return 0;
        });
        app.Add(show);

        app.Add(Action(output, error, "start", "Start an app", (s, srv, a, ct) => s.StartAsync(srv, a, ct)));
        app.Add(Action(output, error, "stop", "Stop an app (its stop signal, then kill after its timeout)", (s, srv, a, ct) => s.StopAsync(srv, a, ct)));
        app.Add(Action(output, error, "restart", "Stop then start an app", (s, srv, a, ct) => s.RestartAsync(srv, a, ct)));
        app.Add(Action(output, error, "remove", "Stop an app and delete it from the server (with its logs)", (s, srv, a, ct) => s.RemoveAsync(srv, a, ct)));

        var logName = NameArgument();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines (default all)" };
        var logs = new Command("logs", "Print an app's captured stdout/stderr") { logName, GlobalOptions.Server, follow, tail };
        CliAction.Set(logs, output, error, async (ctx, ct) =>
        {
            var service = await ServiceAsync(ctx, ct);
            await foreach (var batch in service.LogsAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(logName)!,
                               ctx.Parse.GetValue(tail), ctx.Parse.GetValue(follow), ct))
                foreach (var line in batch)
                    if (ctx.Json) ctx.Out.WriteLine(Output.Serialize(new LineJson(line.Timestamp, line.Text), Output.CompactOptions));
                    else ctx.Out.WriteLine(line.Text);
            return 0;
        });
        app.Add(logs);

        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be applied and change nothing" };
        var prune = new Option<bool>("--prune") { Description = "Also remove apps on those servers that monitor.toml does not declare" };
        var sync = new Command("sync", "Apply [[apps]] of monitor.toml to their servers (also done by `monitor sync`)") { dryRun, prune };
        CliAction.Set(sync, output, error, (ctx, ct) => SyncAsync(ctx, MonitorServicesFactory.LoadConfig(ctx.ConfigPath), ctx.Parse.GetValue(dryRun), ctx.Parse.GetValue(prune), ct));
        app.Add(sync);
        return app;
    }

    /// <summary>`monitor sync`'s part for [[apps]]: runs after the stacks and servers are applied. Exit code 0 when
    /// every server took its apps.</summary>
    public static async Task<int> SyncAfterStacksAsync(ParseResult parse, Monitor.Shared.Config.MonitorConfig config, bool dryRun, bool prune, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (config.Apps.Count == 0) return 0;
        int code;
        var command = new CliContext(parse, output, error);
        await using (command.ConfigureAwait(false))
        {
            try { code = await SyncAsync(command, config, dryRun, prune, ct).ConfigureAwait(false); }
            catch (OperationFailedException e) { error.WriteLine($"monitor: apps: {e.Message}"); code = 1; }
        }
        return code;
    }

    private static async Task<int> SyncAsync(CliContext ctx, Monitor.Shared.Config.MonitorConfig config, bool dryRun, bool prune, CancellationToken ct)
    {
        var applied = new List<AppChangeJson>();
        var failures = new List<AppFailureJson>();
        int Done(int code)
        {
            if (ctx.Json) Output.Json(ctx.Out, new SyncJson(dryRun, applied, failures));
            return code;
        }
        if (config.Apps.Count == 0 && !prune) return Done(0);
        var byServer = AppSpecFactory.ByServer(config.Apps);
        if (dryRun)
        {
            foreach (var (server, apps) in byServer)
            {
                if (!ctx.Json) ctx.Out.WriteLine($"apps on {server}: apply {string.Join(", ", apps.Select(a => a.Name))}");
                applied.AddRange(apps.Select(a => new AppChangeJson(server, a.Name, "apply")));
            }
            return Done(0);
        }
        ctx.RequireWritable("app sync");
        var service = await ServiceAsync(ctx, ct).ConfigureAwait(false);
        foreach (var (server, apps) in byServer)
        {
            try
            {
                var result = await service.ApplyAsync(server, apps, prune, ct).ConfigureAwait(false);
                foreach (var change in result.Changes)
                {
                    if (!ctx.Json) ctx.Out.WriteLine($"app {change.Name} on {server}: {change.Change}");
                    applied.Add(new AppChangeJson(server, change.Name, change.Change.ToString()));
                }
            }
            catch (OperationFailedException e)
            {
                if (!ctx.Json) ctx.Err.WriteLine($"monitor: apps on {server}: {e.Message}");
                failures.Add(new AppFailureJson(server, e.Message));
            }
        }
        return Done(failures.Count == 0 ? 0 : 1);
    }

    internal static async Task<AppService> ServiceAsync(CliContext ctx, CancellationToken ct)
    {
        var services = await ctx.ServicesAsync(ct).ConfigureAwait(false);
        return new AppService(services.Directory!, services.Recorder!);
    }

    private static Argument<string> NameArgument() => new("app") { Description = "App name (see `monitor app list`)" };

    private static Command Action(TextWriter output, TextWriter error, string verb, string description,
        Func<AppService, string, string, CancellationToken, Task<AppStatus>> act)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name, GlobalOptions.Server };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable($"app {verb}");
            var status = await act(await ServiceAsync(ctx, ct), ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) Output.Json(ctx.Out, status);
            else ctx.Out.WriteLine($"{status.Name}: {status.State}{(status.Pid is { } pid ? $" (pid {pid})" : "")}{(status.LastExit is { } e && verb != "start" ? $"; {e}" : "")}");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<string?> Row(AppStatus s) =>
    [
        s.Name, s.State, s.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Uptime(s.UptimeSeconds),
        s.Restarts.ToString(CultureInfo.InvariantCulture), Cpu(s.CpuPercent),
        s.MemoryBytes is { } m ? Bytes(m) + (s.MemoryLimitBytes is { } l ? "/" + Bytes(l) : "") : "-", s.LastExit ?? "",
    ];

    private static string Cpu(double? percent) => percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Uptime(double? seconds) => seconds is not { } s ? "-"
        : s < 60 ? $"{s:0}s" : s < 3600 ? $"{s / 60:0}m" : s < 86400 ? $"{s / 3600:0.#}h" : $"{s / 86400:0.#}d";

    private static string Bytes(long? bytes) => bytes is not { } b ? "-"
        : b >= 1L << 30 ? $"{b / (double)(1L << 30):0.#}GiB" : b >= 1L << 20 ? $"{b / (double)(1L << 20):0.#}MiB" : $"{b / 1024.0:0.#}KiB";

    private static string Quote(string arg) => arg.Length > 0 && arg.All(ch => char.IsLetterOrDigit(ch) || "-_./=:,@%+".Contains(ch)) ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>One line of `app logs --json`.</summary>
    internal sealed record LineJson(string Timestamp, string Text);

    /// <summary>`app sync --json`.</summary>
    internal sealed record SyncJson(bool DryRun, List<AppChangeJson> Applied, List<AppFailureJson> Failed);

    /// <summary>One app change of <see cref="SyncJson"/>.</summary>
    internal sealed record AppChangeJson(string Server, string App, string Change);

    /// <summary>A server whose apps could not be applied.</summary>
    internal sealed record AppFailureJson(string Server, string Error);
}
