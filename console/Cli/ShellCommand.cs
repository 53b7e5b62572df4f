using System.CommandLine;
using Monitor.Control.Exec;
using Monitor.Control.Fleet;

namespace Monitor.Control.Cli;

/// <summary>`monitor shell SERVER`: an interactive login shell on the server's host, through its agent (admin role).
/// Exit code is the shell's.</summary>
public static class ShellCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var server = new Argument<string>("server") { Description = "Server name" };
        var command = new Command("shell", "Open an interactive shell on a server's host (needs the admin role on its agent)") { server };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("shell");
            var services = await ctx.ServicesAsync(ct);
            using var terminal = new ConsoleExecTerminal();
            return await new HostShellService(services.Directory!, services.Recorder!).RunAsync(ctx.Parse.GetValue(server)!, terminal, ct);
        });
        return command;
    }
}
