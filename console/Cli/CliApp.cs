using System.CommandLine;
using Monitor.Control.Composition;

namespace Monitor.Control.Cli;

/// <summary>The command tree and the one host every verb runs through (<see cref="CliAction"/>). Invokable in-process
/// (tests) with any writers; Program passes the console's.</summary>
public static class CliApp
{
    /// <summary>Runs the TUI when `monitor` is called with no verb; set by Program (null in tests = print help).</summary>
    public static Func<MonitorServices, bool, CancellationToken, Task<int>>? Tui { get; set; }

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Monitor: Docker workloads on many servers, from one terminal")
        {
            GlobalOptions.Config, GlobalOptions.Json, GlobalOptions.ReadOnly,
            InitCommand.Build(output, error),
            ServerCommands.Build(output, error),
            ContainerCommands.Build(output, error),
            LogsCommand.Build(output, error),
            RunCommand.Build(output, error),
            ExecCommand.Build(output, error),
            HistoryCommands.Build(output, error),
            ServeCommand.Build(output, error),
            RouteCommands.Build(output, error),
            AppCommands.Build(output, error),
            LogFileCommands.Build(output, error),
            KeyCommands.Build(output, error),
            ShellCommand.Build(output, error),
            StackCommands.Build(output, error),
            SyncCommand.Build(output, error),
            RegistryCommand.Build(output, error),
            CompletionCommand.Build(output, error),
            MetricsCommand.Build(output, error),
            AlertCommands.Build(output, error),
            DeviceCommands.Build(output, error),
        };
        DockerViewCommands.AddTo(root, output, error);
        CliAction.Set(root, output, error, async (ctx, ct) =>
        {
            if (Tui is null) return CliAction.Fail(ctx, "no verb given; try `monitor --help`", "usage", ExitCodes.Usage);
            return await Tui(await ctx.ServicesAsync(ct), ctx.ReadOnly, ct);
        });
        return root;
    }

    /// <summary>Parses and runs; a usage error (unknown verb, missing argument) is reported like every other failure,
    /// "monitor: ..." (or JSON with --json), exit 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var parse = Build(output, error).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            var message = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.'))) + "; try `monitor --help`";
            if (parse.GetValue(GlobalOptions.Json)) error.WriteLine(Output.JsonLine(new CliError("usage", message)));
            else error.WriteLine("monitor: " + message);
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct).ConfigureAwait(false);
    }
}
