using System.CommandLine;
using Monitor.Control.Devices;
using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>`monitor device add NAME [--interval 60s]|list|remove NAME`: devices that post keepalives to `monitor serve`.</summary>
public static class DeviceCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var device = new Command("device", "Devices that cannot run the agent (ESP32, demo machines) and POST keepalives to `monitor serve`");

        var name = new Argument<string>("name") { Description = "Device name" };
        var interval = new Option<string>("--interval") { Description = "Longest silence before a device_missed alert (e.g. 60s, 5m)", DefaultValueFactory = _ => "60s" };
        var add = new Command("add", "Add a device; prints its token once and a curl line for its firmware") { name, interval };
        CliAction.Set(add, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("device add");
            if (!DurationText.TryParse(ctx.Parse.GetValue(interval), out var span))
                throw new OperationFailedException($"--interval '{ctx.Parse.GetValue(interval)}' is not a duration; write e.g. 60s or 5m", "invalid_argument");
            var services = await ctx.ServicesAsync(ct);
            var (added, token) = await Service(services).AddAsync(ctx.Parse.GetValue(name)!, span, ct);
            var url = $"{BaseUrl(ctx.ConfigPath)}keepalive/{Uri.EscapeDataString(added.Name)}";
            var curl = $"curl -fsS -X POST -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' -d '{{\"uptime\":123}}' {url}";
            if (ctx.Json) { Output.Json(ctx.Out, new AddedJson(added.Name, added.IntervalSeconds, token, url, curl)); return 0; }
            ctx.Out.WriteLine($"device {added.Name} added (alerts after {DurationText.Format(added.Interval)} of silence with a device_missed rule)");
            ctx.Out.WriteLine($"token (shown once, only its hash is stored): {token}");
            ctx.Out.WriteLine("keepalive (paste into the firmware; the JSON body is optional, up to 4 KB):");
            ctx.Out.WriteLine($"  {curl}");
            return 0;
        });

        var list = new Command("list", "Devices with their last keepalive");
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var devices = await Service(services).ListAsync(ct);
            var now = DateTimeOffset.UtcNow;
            if (ctx.Json)
            {
                Output.Json(ctx.Out, devices.Select(d => new DeviceJson(d.Name, d.IntervalSeconds, d.Added, d.LastSeen, d.IsMissed(now), d.State)).ToList());
                return 0;
            }
            Output.Table(ctx.Out, ["NAME", "INTERVAL", "LAST SEEN", "STATUS"], devices.Select(d => new[]
            {
                d.Name, DurationText.Format(d.Interval), d.LastSeen is { } seen ? Output.Time(seen) : "never", d.IsMissed(now) ? "silent" : "ok",
            }));
            return 0;
        });

        var removeName = new Argument<string>("name") { Description = "Device name" };
        var remove = new Command("remove", "Remove a device (its token stops working)") { removeName };
        CliAction.Set(remove, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("device remove");
            var services = await ctx.ServicesAsync(ct);
            var gone = ctx.Parse.GetValue(removeName)!;
            await Service(services).RemoveAsync(gone, ct);
            if (ctx.Json) Output.Json(ctx.Out, new DeviceRemovedJson(gone, true)); else ctx.Out.WriteLine($"device {gone} removed");
            return 0;
        });

        device.Add(add);
        device.Add(list);
        device.Add(remove);
        return device;
    }

    private static DeviceService Service(Composition.MonitorServices services) =>
        new(services.Store, services.Recorder ?? new ActionRecorder(services.Store, services.User), TimeProvider.System);

    /// <summary>Where `monitor serve` listens per monitor.toml ([webhook] listen, default 127.0.0.1:8130).</summary>
    private static string BaseUrl(string configPath)
    {
        string listen;
        try { listen = Composition.MonitorServicesFactory.LoadConfig(configPath).Webhook?.Listen ?? "127.0.0.1:8130"; }
        catch (Exception) { listen = "127.0.0.1:8130"; }
        if (listen.StartsWith("0.0.0.0:", StringComparison.Ordinal) || listen.StartsWith("[::]:", StringComparison.Ordinal)) listen = "SERVE-HOST" + listen[listen.LastIndexOf(':')..];
        return $"http://{listen}/";
    }

    /// <summary>`device add --json` (the token is shown once).</summary>
    internal sealed record AddedJson(string Name, int Interval, string Token, string Url, string Curl);

    /// <summary>One row of `device list --json`.</summary>
    internal sealed record DeviceJson(string Name, int Interval, DateTimeOffset Added, DateTimeOffset? LastSeen, bool Missed, System.Text.Json.JsonElement? State);

    /// <summary>`device remove --json`.</summary>
    internal sealed record DeviceRemovedJson(string Name, bool Removed);
}
