using System.CommandLine;
using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor image list|remove|prune --server S`.</summary>
public static class ImageCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var image = new Command("image", "Images on a server");

        var all = new Option<bool>("--all", "-a") { Description = "Also intermediate images" };
        var list = new Command("list", "List the server's images") { GlobalOptions.Server, all };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var images = await (await DockerViewCommands.DockerAsync(ctx, ct)).ImagesAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(all), ct);
            if (ctx.Json) Output.Json(ctx.Out, images);
            else Output.Table(ctx.Out, ["IMAGE", "ID", "CREATED", "SIZE", "CONTAINERS"], images.Select(i => new[]
            {
                i.Tags.Count > 0 ? string.Join(", ", i.Tags) : "<none>", DockerViewCommands.ShortId(i.Id), Output.Time(i.Created), Sizes.Bytes(i.SizeBytes),
                i.Containers.ToString(CultureInfo.InvariantCulture),
            }));
            return 0;
        });
        image.Add(list);

        var name = new Argument<string>("image") { Description = "Image reference (name:tag) or id" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove it even if containers use it or it has several tags" };
        var remove = new Command("remove", "Remove an image") { name, GlobalOptions.Server, force };
        CliAction.Set(remove, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("image remove");
            var result = await (await DockerViewCommands.DockerAsync(ctx, ct)).RemoveImageAsync(DockerViewCommands.Server(ctx), ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(force), ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return 0; }
            foreach (var u in result.Untagged) ctx.Out.WriteLine($"untagged: {u}");
            foreach (var d in result.Deleted) ctx.Out.WriteLine($"deleted: {d}");
            return 0;
        });
        image.Add(remove);
        image.Add(PruneCommand.Build(output, error, "images", "Remove unused images (dangling only unless --all)",
            "Every image no container uses, not only dangling ones", (d, s, r, ct) => d.PruneImagesAsync(s, r, ct)));
        return image;
    }
}
