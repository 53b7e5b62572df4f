using Monitor.Control.Services;
using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Panes;

/// <summary>The Docker views of the Containers pane, shown in the scrollable overlay: processes of the selected
/// container (p) and the engine's recent events on the server (e).</summary>
public static class DockerViews
{
    /// <summary>How far back the events overlay looks.</summary>
    public static readonly TimeSpan EventsWindow = TimeSpan.FromMinutes(15);

    public static void ShowProcesses(IShell shell, ContainerRow? row)
    {
        if (row is null) return;
        if (shell.Services.Docker is not { } docker) { shell.SetMessage("Docker views are not available in this console.", error: true); return; }
        if (row.Container.State != "running") { shell.SetMessage($"{row.Name} is {row.Container.State}; processes are listed for running containers.", error: true); return; }
        shell.RunBackground($"List the processes of {row.Name}", async ct =>
        {
            var top = await docker.TopAsync(row.Server, row.Container.Id, null, ct).ConfigureAwait(false);
            var lines = Table(top.Titles, top.Processes);
            shell.Post(() => shell.ShowText($"Processes · {row.Server}/{row.Name} ({top.Processes.Count})", lines));
        });
    }

    public static void ShowEvents(IShell shell, string? server)
    {
        if (server is null) { shell.SetMessage("Select a server first.", error: true); return; }
        if (shell.Services.Docker is not { } docker) { shell.SetMessage("Docker views are not available in this console.", error: true); return; }
        shell.RunBackground($"Read the engine events of {server}", async ct =>
        {
            var now = DateTimeOffset.UtcNow;
            var request = new DockerEventsRequest(
                (now - EventsWindow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                (now.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var events = new List<DockerEvent>();
            await foreach (var batch in docker.EventsAsync(server, request, ct).ConfigureAwait(false)) events.AddRange(batch);
            IReadOnlyList<string> lines = events.Count == 0
                ? [$"No engine events in the last {EventsWindow.TotalMinutes:0} minutes."]
                : events.OrderByDescending(e => e.Time).Select(DockerEventText.Line).ToList();
            shell.Post(() => shell.ShowText($"Engine events · {server} · last {EventsWindow.TotalMinutes:0} min, newest first (e again to refresh)", lines));
        });
    }

    /// <summary>Aligned columns; the last column (the command) is left unpadded.</summary>
    public static IReadOnlyList<string> Table(IReadOnlyList<string> titles, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = titles.Select((t, i) => Math.Max(t.Length, rows.Count == 0 ? 0 : rows.Max(r => i < r.Count ? r[i].Length : 0))).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i])));
        return [Line(titles), .. rows.Select(Line)];
    }
}
