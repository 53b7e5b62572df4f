using Monitor.Control.Store;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Panes;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>The search over kept logs: S opens the prompt, the hits fill the screen newest first, Enter shows the lines
/// around a hit (the hit marked), Esc closes the context and then goes back to the pane before.</summary>
public sealed class LogSearchPaneTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static TuiHarness WithKeptLines()
    {
        var h = new TuiHarness();
        var id = 0;
        foreach (var (server, source, message) in new[]
        {
            ("web-01", "api", "GET /health 200"),
            ("web-01", "api", "POST /orders 200"),
            ("web-01", "api", "db: connection refused"),
            ("web-01", "api", "retrying in 2 s"),
            ("web-02", "api", "db: connection refused (again)"),
            ("web-02", "api", "giving up"),
        })
        {
            id++;
            h.LogSearchService.Lines.Add(new KeptLogLine(id, server, source, null, T0.AddSeconds(id), "info", "stdout", message));
        }
        h.Refresh();
        return h;
    }

    [Fact]
    public void S_searches_the_kept_logs_and_Enter_opens_the_lines_around_the_hit()
    {
        using var h = WithKeptLines();
        h.Type("S");
        h.WaitForText("Search kept logs");
        h.Type("refused").Press(Key.Enter);
        h.WaitForText("2 hits");
        Assert.Equal(PaneId.Search, h.Window.Focused);
        Assert.Equal([5L, 3L], h.Window.Search.List.Visible.Select(l => l.Id));
        var screen = h.Screen;
        Assert.Contains("db: connection refused (again)", screen);
        Assert.Contains("web-02", screen);

        h.Press(Key.CursorDown).Press(Key.Enter);
        screen = h.WaitForText("retrying in 2 s");
        Assert.True(h.Window.OverlayVisible);
        Assert.Contains("▶", screen.Split('\n').Single(l => l.Contains("db: connection refused", StringComparison.Ordinal)));
        Assert.Contains("POST /orders 200", screen);
        Assert.DoesNotContain("giving up", screen); // another server's line is not context

        h.Press(Key.Esc);
        h.WaitFor(_ => !h.Window.OverlayVisible, "the context closes");
        h.Press(Key.Esc);
        h.WaitFor(_ => h.Window.Focused == PaneId.Servers, "back to the pane before the search");
    }

    [Fact]
    public void Filter_words_in_the_prompt_narrow_the_search_and_the_command_line_searches_too()
    {
        using var h = WithKeptLines();
        h.Type(":search refused server=web-02 level=error since=1h").Press(Key.Enter);
        h.WaitForText("1 hits");
        Assert.True(h.LogSearchService.Requests.TryPeek(out var request));
        Assert.Equal(("refused", "web-02", "error", "1h"), (request!.Pattern, request.Server, request.Level, request.Since));
        Assert.Equal([5L], h.Window.Search.List.Visible.Select(l => l.Id));
        Assert.Null(LogSearchPane.ParseRequest("server=web-01"));
        Assert.Equal("/time.?out/ now", LogSearchPane.ParseRequest("/time.?out/ stack=shop now")!.Pattern);
    }
}
