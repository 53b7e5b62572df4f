using Monitor.Control.Alerts;
using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Config;

namespace Monitor.Control.Tui.Panes;

/// <summary>The Alerts view (an overlay: open alerts with severity, since and scope; s silences a server) and the
/// open-alert list behind the header count. Reads through <see cref="Watch.IWatchView"/> only.</summary>
public sealed class AlertsView(IShell shell)
{
    /// <summary>The open alerts at the last refresh; null until read (or when this console has no watch view).</summary>
    public IReadOnlyList<AlertRecord>? Open { get; private set; }

    public string HeaderText => AlertText.Header(Open);

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (shell.Services.Watch is not { } watch) return;
        var open = await watch.OpenAlertsAsync(ct).ConfigureAwait(false);
        shell.Post(() =>
        {
            var shown = HeaderText;
            Open = open;
            if (HeaderText != shown) shell.RedrawHeader(); // the count is on the header; the overlay reads Open when opened
        });
    }

    public void Show()
    {
        if (shell.Services.Watch is null) { shell.SetMessage("Alerts need the watch service (open the TUI on a monitor.toml).", error: true); return; }
        shell.RunBackground("Read alerts", async ct =>
        {
            await RefreshAsync(ct).ConfigureAwait(false);
            shell.Post(() => shell.ShowText($"Alerts: {Open?.Count ?? 0} open", AlertText.Lines(Open ?? [], DateTimeOffset.UtcNow), OnKey));
        });
    }

    private bool OnKey(string key)
    {
        if (key != "s") return false;
        var first = Open?.FirstOrDefault()?.Server ?? "";
        shell.Prompt("Silence server", first, server =>
        {
            if (server.Length == 0) return;
            shell.Prompt($"Silence {server} for", "2h", text =>
            {
                if (!DurationText.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
                {
                    shell.SetMessage($"'{text}' is not a duration; write e.g. 30m, 2h or 1d.", error: true);
                    return;
                }
                shell.RunBackground($"Silence {server}", async ct =>
                {
                    await shell.Services.Watch!.SilenceAsync(server, duration, ct).ConfigureAwait(false);
                    shell.Post(() => shell.SetMessage($"Silenced {server} for {text}: its alerts still open and are recorded, nobody is notified."));
                });
            });
        });
        return true;
    }
}
