using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>The headless CLI. Invokable in-process: <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>
/// returns the exit code (0 ok, 1 operation failed, 2 usage/config error; `run` propagates the command's code).</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, new CliSettings(stdout, stderr), ct);

    public static async Task<int> RunAsync(string[] args, CliSettings settings, CancellationToken ct = default)
    {
        var root = Build(settings);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                settings.Error.WriteLine("monitor: " + error.Message.ReplaceLineEndings(" "));
            settings.Error.WriteLine("monitor: see `monitor --help` or `monitor <verb> --help`");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = settings.Out,
            Error = settings.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    /// <summary>The command tree; with no verb the root prints help (the TUI is wired here by the console host).</summary>
    public static RootCommand Build(CliSettings settings)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("monitor: manage Docker workloads on many servers through monitor-agent");
        global.AddTo(root);
        root.Add(InitCommand.Create(global, settings));
        root.Add(ServerCommands.Create(global, settings));
        root.Add(ContainerCommands.Create(global, settings));
        root.Add(LogsCommand.Create(global, settings));
        root.Add(RunCommand.Create(global, settings));
        root.Add(HistoryCommands.Create(global, settings));
        var stackHost = StackCliHost.ForCli(global, settings);
        root.Add(StackCommands.Build(stackHost));
        root.Add(SyncCommand.Build(stackHost));
        root.Add(RegistryCommand.Build(stackHost));
        root.SetAction(parse =>
        {
            new System.CommandLine.Help.HelpAction().Invoke(parse);
            return ExitCodes.Ok;
        });
        return root;
    }
}
