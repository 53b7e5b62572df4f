using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Monitor.Tui.Tests.Tmux;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The real console in tmux acting on a real container: restart by key (seen on screen, in Docker and in
/// the followed log), read-only mode refusing state changes, exec into a stopped container failing cleanly.</summary>
[Collection("Terminal.Gui")]
public sealed class ContainerActionEndToEndTests
{
    /// <summary>Counts its boots in a file of its own filesystem (kept across restarts) and prints
    /// "boot-B-line-N" every 100 ms; exits at once on SIGTERM so a restart is quick.</summary>
    private static readonly string[] BootCounter =
    [
        "sh", "-c",
        "trap 'exit 0' TERM; b=$(($(cat /boots 2>/dev/null || echo 0)+1)); echo $b > /boots; i=0; " +
        "while true; do i=$((i+1)); echo boot-$b-line-$i; sleep 0.1; done",
    ];

    [Fact]
    public async Task Restart_by_key_changes_the_container_and_the_followed_log_shows_the_new_run()
    {
        await using var console = await ConsoleInTmux.StartAsync(BootCounter);
        var name = console.Containers[0];
        var screen = console.Screen;
        await console.SelectContainerAsync(name);
        await console.FollowSelectedAsync();
        var first = await screen.WaitForAsync(s => ScreenText.Focused(s, "Logs") && ScreenText.Numbers(s, "boot-1-line-").Any(), "the first run's log lines");
        var seen = ScreenText.Numbers(first, "boot-1-line-").Max();
        await screen.WaitForAsync(s => ScreenText.Numbers(s, "boot-1-line-").Any(n => n > seen + 5), "newer numbered lines to appear while following");

        var before = (await console.Docker.Containers.InspectContainerAsync(name)).State.StartedAt;
        screen.Send("3");
        await screen.WaitForAsync(s => ScreenText.Focused(s, "Containers"), "the focus back on Containers");
        screen.Send("r");
        await screen.WaitForTextAsync("y = yes");
        Assert.Contains($"Restart container {name} on local?", screen.Capture());
        screen.Send("y");
        var done = await screen.WaitForAsync(s => s.Contains($"Restart {name}: done, now running.", StringComparison.Ordinal), "the restart to be reported done");
        Assert.Matches(@"\brunning\b", done);

        var after = await console.Docker.Containers.InspectContainerAsync(name);
        Assert.Equal("running", after.State.Status);
        Assert.NotEqual(before, after.State.StartedAt);

        await console.FollowSelectedAsync();
        var second = await screen.WaitForAsync(s => ScreenText.Numbers(s, "boot-2-line-").Any(), "the second run's lines in the followed log");
        var secondSeen = ScreenText.Numbers(second, "boot-2-line-").Max();
        await screen.WaitForAsync(s => ScreenText.Numbers(s, "boot-2-line-").Any(n => n > secondSeen + 5), "the second run's log to keep growing");
    }

    [Fact]
    public async Task Read_only_console_hides_and_ignores_the_keys_that_change_state()
    {
        await using var console = await ConsoleInTmux.StartWithArgumentsAsync(["--read-only"], ["sleep", "600"]);
        var name = console.Containers[0];
        var screen = console.Screen;
        var start = await screen.WaitForAsync(s => ScreenText.Header(s).Contains("READ-ONLY", StringComparison.Ordinal), "READ-ONLY in the header");
        await console.SelectContainerAsync(name);
        var status = ScreenText.StatusLine(await screen.WaitForAsync(s => ScreenText.StatusLine(s).Contains("Inspect", StringComparison.Ordinal), "the Containers keys in the status line"));
        Assert.DoesNotContain("Restart", status);
        Assert.DoesNotContain("Stop", status);
        Assert.DoesNotContain("Exec", status);

        var before = (await console.Docker.Containers.InspectContainerAsync(name)).State.StartedAt;
        // r, t and x do nothing; the i that follows opens the inspect overlay (a confirmation would have eaten it).
        screen.Send("r");
        screen.Send("t");
        screen.Send("x");
        screen.Send("i");
        var inspect = await screen.WaitForAsync(s => s.Contains("Command:       sleep 600", StringComparison.Ordinal), "the inspect overlay");
        Assert.DoesNotContain("y = yes", inspect);
        Assert.DoesNotContain("Cancelled.", inspect);
        Assert.Contains("READ-ONLY", ScreenText.Header(inspect));

        var after = await console.Docker.Containers.InspectContainerAsync(name);
        Assert.Equal("running", after.State.Status);
        Assert.Equal(before, after.State.StartedAt);
    }

    [Fact]
    public async Task Exec_into_a_stopped_container_says_why_and_returns_to_the_console()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sleep", "600"]);
        var name = console.Containers[0];
        var screen = console.Screen;
        await console.SelectContainerAsync(name);
        await console.Docker.Containers.KillContainerAsync(name, new ContainerKillParameters());
        screen.Send("F5");
        await screen.WaitForAsync(s => Regex.IsMatch(s, @"\bexited\b"), "the container shown exited");

        screen.Send("x");
        var failed = await screen.WaitForTextAsync("monitor: exec failed");
        Assert.Contains("is not running", failed);
        Assert.DoesNotContain("   at ", failed);
        await screen.WaitForAsync(s => s.Contains("servers 1/1 online", StringComparison.Ordinal) && s.Contains("Containers · local", StringComparison.Ordinal),
            "the console back on local after the failed exec");
        Assert.Equal("exited", (await console.Docker.Containers.InspectContainerAsync(name)).State.Status);
    }
}
