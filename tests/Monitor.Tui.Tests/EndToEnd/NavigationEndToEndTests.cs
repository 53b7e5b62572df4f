using System.Text.RegularExpressions;
using Monitor.Tui.Tests.Tmux;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The real console in tmux: moving between panes with keys, drilling from a server into its containers,
/// moving between rows, and the help overlay built from the panes' key tables.</summary>
[Collection("Terminal.Gui")]
public sealed class NavigationEndToEndTests
{
    [Fact]
    public async Task Keys_move_focus_between_panes_and_enter_on_the_server_lists_its_containers()
    {
        await using var console = await ConsoleInTmux.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var first = await console.RunContainerAsync(["sleep", "600"], $"mt-tui-{run}-a");
        var second = await console.RunContainerAsync(["sleep", "600"], $"mt-tui-{run}-b");
        var screen = console.Screen;

        var start = await screen.WaitForAsync(s => Regex.IsMatch(s, @"\blocal\s+online\b"), "local shown online in the Servers pane");
        Assert.True(ScreenText.Focused(start, "Servers"), $"Servers should have the focus at start; header: {ScreenText.Header(start)}");

        screen.Send("Tab");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Stacks"), "Tab to move the focus to Stacks");
        screen.Send("Tab");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Containers"), "Tab to move the focus to Containers");
        screen.Send("BTab");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Stacks"), "Shift+Tab to move the focus back to Stacks");
        screen.Send("5");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "History"), "5 to focus History");
        screen.Send("1");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Servers"), "1 to focus Servers");

        screen.Send("Enter");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Containers") && s.Contains("Containers · local", StringComparison.Ordinal),
            "Enter on local to open its containers");
        screen.Send("/");
        screen.Send(run, literal: true);
        screen.Send("Enter");
        // The NAME column shows the first 13 characters of a name: "mt-tui-" and 6 of the run id.
        var shown = $"mt-tui-{run[..6]}";
        var listed = await screen.WaitForAsync(s => Regex.Matches(s, $@"{shown}.*\brunning\b").Count == 2, "both containers listed running");
        Assert.Equal(2, Regex.Matches(listed, shown).Count);

        screen.Send("Home");
        var top = await InspectSelectedAsync(screen, run);
        screen.Send("j");
        var below = await InspectSelectedAsync(screen, run);
        Assert.NotEqual(top, below);
        Assert.Equal(new[] { first, second }.Order(), new[] { top, below }.Order());
        screen.Send("k");
        Assert.Equal(top, await InspectSelectedAsync(screen, run));
    }

    [Fact]
    public async Task Question_mark_shows_the_focused_panes_keys_and_escape_closes_it()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sleep", "600"]);
        var screen = console.Screen;
        await console.SelectContainerAsync(console.Containers[0]);
        screen.Send("?");
        var help = await screen.WaitForTextAsync("Containers keys:");
        foreach (var key in new[] { "Restart", "Stop", "Exec shell", "Inspect", "Next pane", "History" })
            Assert.Contains(key, help);
        screen.Send("Escape");
        var closed = await screen.WaitForAsync(s => !s.Contains("Containers keys:", StringComparison.Ordinal), "the help to close");
        Assert.True(ScreenText.Focused(closed, "Containers"), $"the focus should stay on Containers; header: {ScreenText.Header(closed)}");
    }

    /// <summary>Presses i, reads the container name from the inspect overlay, closes it with Esc.</summary>
    private static async Task<string> InspectSelectedAsync(TmuxSession screen, string run)
    {
        screen.Send("i");
        var shown = await screen.WaitForAsync(s => Regex.IsMatch(s, $@"Name:\s+/?mt-tui-{run}-[ab]"), "the inspect overlay of the selected container");
        var name = Regex.Match(shown, $@"Name:\s+/?(mt-tui-{run}-[ab])").Groups[1].Value;
        screen.Send("Escape");
        await screen.WaitForAsync(s => !s.Contains("Name:", StringComparison.Ordinal), "the inspect overlay to close");
        return name;
    }
}
