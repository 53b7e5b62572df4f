using System.CommandLine;
using Monitor.Control.Fleet;

namespace Monitor.Control.Cli;

/// <summary>`monitor server bootstrap NAME user@host[:port]`: installs monitor-agent over SSH and registers the server
/// (the work is <see cref="BootstrapService"/>'s). Steps print as they finish (--json: one JSON object per step on
/// stderr, the result on stdout).</summary>
public static class ServerBootstrapCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Name to register the server as" };
        var target = new Argument<string>("target") { Description = "SSH login: user@host[:port]" };
        var key = new Option<string[]>("--key") { Description = "SSH private key file (repeatable); default ~/.ssh/id_ed25519, id_ecdsa, id_rsa" };
        var sudo = new Option<bool>("--sudo") { Description = "Install with `sudo -n` (a non-root login with passwordless sudo)" };
        var hostKey = new Option<string?>("--host-key") { Description = "The host's SSH key fingerprint SHA256:... (when it is not in known_hosts)" };
        var acceptNew = new Option<bool>("--accept-new") { Description = "Accept and record an unknown SSH host key (a changed key is always refused)" };
        var agentFile = new Option<string?>("--agent-file") { Description = "The agent build: the packaged single file (scripts/package.sh) or a directory copied as a unit" };
        var listen = new Option<string>("--listen") { Description = "The agent's listen address on the host", DefaultValueFactory = _ => "0.0.0.0:8120" };
        var prefix = new Option<string?>("--prefix") { Description = "Install under DIR (DIR/usr/local/bin, DIR/etc/monitor-agent, DIR/var/lib/monitor-agent)" };
        var description = new Option<string?>("--description") { Description = "Free text for the server" };
        var command = new Command("bootstrap", "Install monitor-agent on a host over SSH, start it, pin its TLS certificate and add the server")
        {
            name, target, key, sudo, hostKey, acceptNew, agentFile, listen, prefix, description,
        };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server bootstrap");
            var request = new BootstrapRequest(ctx.Parse.GetValue(name)!, BootstrapTarget.Parse(ctx.Parse.GetValue(target)!))
            {
                KeyFiles = ctx.Parse.GetValue(key) ?? [],
                Sudo = ctx.Parse.GetValue(sudo),
                HostKey = ctx.Parse.GetValue(hostKey),
                AcceptNew = ctx.Parse.GetValue(acceptNew),
                AgentBuild = ctx.Parse.GetValue(agentFile),
                Listen = ctx.Parse.GetValue(listen)!,
                Prefix = ctx.Parse.GetValue(prefix),
                Description = ctx.Parse.GetValue(description),
            };
            var services = await ctx.ServicesAsync(ct);
            var progress = new SyncProgress<BootstrapStep>(step =>
            {
                if (ctx.Json) ctx.Err.WriteLine(Output.JsonLine(new StepJson("step", step.Number, step.Step, step.Status, step.Detail, step.Seconds)));
                else ctx.Out.WriteLine(step.Line);
            });
            var result = await services.Bootstrap!.BootstrapAsync(request, progress, ct);
            if (ctx.Json) Output.Json(ctx.Out, result);
            else ctx.Out.WriteLine($"{result.Server.Name} is online at {result.Server.Url} (TLS {result.TlsFingerprint} pinned, agent started by {result.Mode}); " +
                                   $"try `monitor container list --server {result.Server.Name}`");
            return 0;
        });
        return command;
    }

    /// <summary>A --json progress event on stderr: {"event":"step","number",...}.</summary>
    internal sealed record StepJson(string Event, int Number, string Step, string Status, string Detail, double Seconds);
}
