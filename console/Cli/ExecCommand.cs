using System.CommandLine;
using Monitor.Control.Exec;

namespace Monitor.Control.Cli;

/// <summary>`monitor exec CONTAINER --server S [-- CMD ARGS...]`: an interactive shell (or command) in a container.
/// With a terminal it is a TTY session in raw mode; with redirected input it relays plain bytes; with --json it runs
/// without input and prints {exitCode, output}. Exit code is the command's.</summary>
public static class ExecCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var container = new Argument<string>("container") { Description = "Container name or id" };
        var argv = new Argument<string[]>("command") { Description = "Command and arguments after -- (default /bin/sh)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("exec", "Open a shell (or run a command) in a container") { container, argv, GlobalOptions.Server };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("exec");
            var services = await ctx.ServicesAsync(ct);
            var (server, name, words) = (ctx.Parse.GetValue(GlobalOptions.Server)!, ctx.Parse.GetValue(container)!, ctx.Parse.GetValue(argv) ?? []);
            if (ctx.Json)
            {
                var captured = new CapturedExecTerminal();
                var exitCode = await services.Exec!.RunAsync(server, name, words, captured, ct);
                Output.Json(ctx.Out, new ResultJson(exitCode, captured.Output));
                return exitCode;
            }
            using var terminal = new ConsoleExecTerminal();
            return await services.Exec!.RunAsync(server, name, words, terminal, ct);
        });
        return command;
    }

    /// <summary>`exec --json`: {"exitCode":N,"output":"..."}.</summary>
    internal sealed record ResultJson(int ExitCode, string Output);
}
