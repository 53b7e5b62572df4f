using System.CommandLine;
using System.Globalization;

namespace Monitor.Control.Cli;

/// <summary>`monitor volume list|inspect|remove|prune --server S`.</summary>
public static class VolumeCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var volume = new Command("volume", "Volumes on a server");

        var dangling = new Option<bool>("--dangling") { Description = "Only volumes no container uses" };
        var list = new Command("list", "List the server's volumes") { GlobalOptions.Server, dangling };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var volumes = await (await DockerViewCommands.DockerAsync(ctx, ct)).VolumesAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(dangling), ct);
            if (ctx.Json) Output.Json(ctx.Out, volumes);
            else Output.Table(ctx.Out, ["VOLUME", "DRIVER", "CREATED", "MOUNTPOINT"], volumes.Select(v => new[] { v.Name, v.Driver, Output.Time(v.Created), v.Mountpoint }));
            return 0;
        });
        volume.Add(list);

        var name = new Argument<string>("volume") { Description = "Volume name" };
        var inspect = new Command("inspect", "Show a volume and the containers that use it") { name, GlobalOptions.Server };
        CliAction.Set(inspect, output, error, async (ctx, ct) =>
        {
            var details = await (await DockerViewCommands.DockerAsync(ctx, ct)).InspectVolumeAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, details); return 0; }
            var v = details.Volume;
            ctx.Out.WriteLine($"Name:        {v.Name}");
            ctx.Out.WriteLine($"Driver:      {v.Driver}");
            ctx.Out.WriteLine($"Scope:       {v.Scope}");
            ctx.Out.WriteLine($"Mountpoint:  {v.Mountpoint}");
            ctx.Out.WriteLine($"Created:     {Output.Time(v.Created)}");
            ctx.Out.WriteLine($"Used by:     {(details.UsedBy.Count > 0 ? string.Join(", ", details.UsedBy) : "(no container)")}");
            foreach (var (key, value) in v.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) ctx.Out.WriteLine($"Label:       {key}={value}");
            foreach (var (key, value) in details.Options.OrderBy(l => l.Key, StringComparer.Ordinal)) ctx.Out.WriteLine($"Option:      {key}={value}");
            return 0;
        });
        volume.Add(inspect);

        var removeName = new Argument<string>("volume") { Description = "Volume name" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove it even if the engine reports it in use" };
        var remove = new Command("remove", "Remove a volume and its data") { removeName, GlobalOptions.Server, force };
        CliAction.Set(remove, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("volume remove");
            var result = await (await DockerViewCommands.DockerAsync(ctx, ct)).RemoveVolumeAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(removeName)!, ctx.Parse.GetValue(force), ct);
            if (ctx.Json) Output.Json(ctx.Out, result); else ctx.Out.WriteLine($"removed: {result.Name}");
            return 0;
        });
        volume.Add(remove);
        volume.Add(PruneCommand.Build(output, error, "volumes", "Remove volumes no container uses",
            "Named volumes too (engines before API 1.42 always include them)", (d, s, r, ct) => d.PruneVolumesAsync(s, r, ct)));
        return volume;
    }
}
