using Monitor.Tui.Tests.Tmux;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The real console in tmux on a real container: p lists its processes from the engine, e shows the
/// engine's recent events.</summary>
[Collection("Terminal.Gui")]
public sealed class DockerViewsEndToEndTests
{
    private static readonly string[] Sleeper = ["sleep", "600"];

    [Fact]
    public async Task Processes_and_engine_events_of_a_real_container_open_by_key()
    {
        await using var console = await ConsoleInTmux.StartAsync(Sleeper);
        var name = console.Containers[0];
        var screen = console.Screen;
        await console.SelectContainerAsync(name);

        screen.Send("p");
        var processes = await screen.WaitForAsync(s => s.Contains($"Processes · local/{name}", StringComparison.Ordinal), "the processes overlay");
        Assert.Contains("sleep 600", processes);
        Assert.Contains("PID", processes);
        screen.Send("Escape");
        await screen.WaitForAsync(s => !s.Contains("Processes ·", StringComparison.Ordinal), "the overlay to close");

        screen.Send("e");
        var events = await screen.WaitForAsync(s => s.Contains("Engine events · local", StringComparison.Ordinal), "the events overlay");
        // every line is an event of the engine (others' tests add theirs; ours are among them, newest first)
        Assert.Matches(@"\d{4}-\d\d-\d\dT[\d:.]+Z (container|network|image|volume) \w+", events);
    }
}
