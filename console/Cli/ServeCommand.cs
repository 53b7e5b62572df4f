using Monitor.Shared.Net;
using System.CommandLine;
using System.Net;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Control.Webhooks;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>`monitor serve [--listen HOST:PORT]`: the webhook endpoint (POST /hooks/STACK, POST /keepalive/DEVICE, GET /healthz) until Ctrl-C or
/// SIGTERM. Signed pushes deploy stacks in the background; one log line per delivery and per deploy on stdout.</summary>
public static class ServeCommand
{
    /// <summary>How long running deploys may finish after Ctrl-C/SIGTERM before they are cancelled (System.CommandLine
    /// ends the process 2 s after the signal).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1.5);

    public static Command Build(TextWriter output, TextWriter error)
    {
        var listen = new Option<string?>("--listen") { Description = "host:port to bind (default [webhook] listen, else 127.0.0.1:8130)" };
        var command = new Command("serve", "Run the webhook endpoint: signed git pushes (GitHub, GitLab, Gitea, Forgejo) deploy stacks; POST /hooks/STACK") { listen };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("monitor serve");
            var config = MonitorServicesFactory.LoadConfig(ctx.ConfigPath);
            var webhook = config.Webhook ?? new WebhookConfig();
            IPEndPoint endpoint;
            if (ctx.Parse.GetValue(listen) is { } overridden)
            {
                if (!ListenEndpoint.TryParse(overridden, out var parsed, out var problem)) return CliAction.Fail(ctx, $"--listen: {problem}", "usage", ExitCodes.Usage);
                endpoint = parsed;
            }
            else endpoint = WebhookPreflight.Listen(webhook, ctx.ConfigPath);

            var services = await ctx.ServicesAsync(ct).ConfigureAwait(false);
            if (services.Stacks is not { } stacks || services.StacksFor is not { } stacksFor)
                throw new OperationFailedException("this console was composed without the stack service", "config");
            var secrets = new WebhookSecrets(webhook, Path.GetDirectoryName(ctx.ConfigPath)!);
            var declared = await stacks.ListAsync(ct).ConfigureAwait(false);
            WebhookPreflight.CheckSecret(webhook, secrets, ctx.ConfigPath, declared.Any(WebhookSecrets.HasOwn));

            var output = TextWriter.Synchronized(ctx.Out); // deploy lines come from background threads
            // With --json stdout carries only the JSON event lines; the delivery log goes to stderr.
            var log = ctx.Json ? TextWriter.Synchronized(ctx.Err) : output;
            var hooks = new WebhookService(stacks, stacksFor, services.Store, secrets, log, recorder: services.Recorder);
            await hooks.Deliveries.PruneAsync(ct).ConfigureAwait(false);
            WebhookServer server;
            try { server = await WebhookServer.StartAsync(hooks.Handler, endpoint, webhook.MaxBodyBytes, ct,
                new Devices.KeepaliveEndpoint(new Devices.DeviceService(services.Store, null, TimeProvider.System))).ConfigureAwait(false); }
            catch (IOException e)
            {
                throw new OperationFailedException($"cannot listen on {endpoint}: {e.Message} Stop what holds the port or pick another with --listen or [webhook] listen.", "listen");
            }
            await using (server.ConfigureAwait(false))
            {
                Announce(output, server.Url, declared, secrets, ctx.Json);
                await using var watch = await Watch.WatchServe.StartAsync(config, ctx.ConfigPath, services, log, ct);
                await using var logKeeper = await LogSearch.LogKeeperServe.StartAsync(config, services, watch, log);
                try { await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                if (ctx.Json) output.WriteLine(Output.JsonLine(new EventJson("stopping")));
                else output.WriteLine("monitor serve: stopping; waiting deploys are dropped, a running deploy is cancelled if it does not end within 1.5 s");
                await server.StopAsync().ConfigureAwait(false);
                await hooks.StopAsync(StopGrace).ConfigureAwait(false);
            }
            output.WriteLine(ctx.Json ? Output.JsonLine(new EventJson("stopped")) : "monitor serve: stopped");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Where it listens and which stacks can take webhooks (and why others cannot).</summary>
    /// <summary>With --json, one line: {"event":"listening","url":...,"stacks":[...],"warnings":[...]}.</summary>
    private static void Announce(TextWriter output, Uri url, IReadOnlyList<StackConfig> stacks, WebhookSecrets secrets, bool json)
    {
        var ready = new List<string>();
        var warnings = new List<string>();
        foreach (var stack in stacks)
        {
            if (stack.Webhook is { Enabled: false }) continue;
            var branch = stack.Webhook?.Branch ?? stack.Repo?.Branch;
            if (secrets.For(stack, out var problem) is null) warnings.Add($"{problem}; its deliveries are refused (401)");
            else ready.Add(branch is null ? stack.Name : $"{stack.Name}@{branch}");
        }
        if (json)
        {
            output.WriteLine(Output.JsonLine(new ListeningJson("listening", url.ToString(), ready, warnings)));
            return;
        }
        output.WriteLine($"monitor serve: listening on {url} (POST {url}hooks/STACK, POST {url}keepalive/DEVICE, GET {url}healthz); Ctrl-C stops");
        foreach (var warning in warnings) output.WriteLine($"monitor serve: warning: {warning}");
        output.WriteLine(ready.Count == 0
            ? "monitor serve: no stack takes webhooks yet; declare stacks in monitor.toml and run `monitor sync`"
            : $"monitor serve: stacks taking webhooks: {string.Join(", ", ready)}");
    }

    /// <summary>`serve --json` events: {"event":"stopping"} ...</summary>
    internal sealed record EventJson(string Event);

    /// <summary>`serve --json` first line.</summary>
    internal sealed record ListeningJson(string Event, string Url, List<string> Stacks, List<string> Warnings);
}
