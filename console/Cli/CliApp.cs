using System.CommandLine;
using Monitor.Control.Composition;

namespace Monitor.Control.Cli;

/// <summary>The command tree. Invokable in-process (tests) with any writers; Program passes the console's.</summary>
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
            KeyCommands.Build(output, error),
            ShellCommand.Build(output, error),
            MetricsCommand.Build(output, error),
            AlertCommands.Build(output, error),
        };
        var stackHost = StackCliHost.ForCli(output, error);
        root.Add(StackCommands.Build(stackHost));
        root.Add(SyncCommand.Build(stackHost, output, error));
        root.Add(RegistryCommand.Build(stackHost));
        DockerViewCommands.AddTo(root, output, error);
        CliAction.Set(root, output, error, async (ctx, ct) =>
        {
            if (Tui is null) { ctx.Out.WriteLine("monitor: no verb given; try `monitor --help`"); return 2; }
            return await Tui(await ctx.ServicesAsync(ct), ctx.ReadOnly, ct);
        });
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default) =>
        Build(output, error).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
}
