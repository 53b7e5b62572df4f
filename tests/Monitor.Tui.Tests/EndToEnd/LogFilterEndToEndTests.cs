using Monitor.Tui.Tests.Tmux;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The real console in tmux following a real container that prints a numbered line every 100 ms:
/// the Logs pane filter keeps only matching lines while new ones arrive, and clearing it brings every line back.</summary>
[Collection("Terminal.Gui")]
public sealed class LogFilterEndToEndTests
{
    private static readonly string[] Counter = ["sh", "-c", "i=0; while true; do i=$((i+1)); echo n-$i; sleep 0.1; done"];

    [Fact]
    public async Task Filter_keeps_only_matching_lines_as_they_arrive_and_clearing_it_shows_all_again()
    {
        await using var console = await ConsoleInTmux.StartAsync(Counter);
        var screen = console.Screen;
        await console.SelectContainerAsync(console.Containers[0]);
        await console.FollowSelectedAsync();
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Logs") && ScreenText.Numbers(s, "n-").Any(n => !Has7(n)), "numbered lines in the Logs pane");

        screen.Send("/");
        screen.Send("7", literal: true);
        screen.Send("Enter");
        var filtered = await screen.WaitForAsync(s => s.Contains("Filter:7", StringComparison.Ordinal) && Logged(s).Count > 0 && Logged(s).All(Has7),
            "only lines with a 7");
        var newest = Logged(filtered).Max();
        var later = await screen.WaitForAsync(s => Logged(s).Any(n => n > newest + 10), "newer matching lines while the filter is on");
        Assert.All(Logged(later), n => Assert.True(Has7(n), $"n-{n} has no 7 but is shown under the filter"));

        screen.Send("/");
        await screen.WaitForAsync(s => ScreenText.StatusLine(s).StartsWith("/7", StringComparison.Ordinal), "the filter prompt holding the current filter");
        screen.Send("BSpace");
        screen.Send("Enter");
        var cleared = await screen.WaitForAsync(s => !s.Contains("Filter:", StringComparison.Ordinal) && Logged(s).Count(n => !Has7(n)) > 3,
            "lines without a 7 back after clearing the filter");
        Assert.Contains(Logged(cleared), n => !Has7(n));
    }

    private static bool Has7(int n) => n.ToString().Contains('7');

    /// <summary>Numbers of the log lines (the Logs pane's "n-N" lines; other panes never print "n-").</summary>
    private static IReadOnlyList<int> Logged(string screen) => ScreenText.Numbers(screen, "n-");
}
