namespace Monitor.Tui.Tests.Tmux;

/// <summary>The real console in a real terminal (tmux) against a real agent and real containers.</summary>
[Collection("Terminal.Gui")]
public sealed class ConsoleInTmuxTests
{
    [Fact]
    public async Task Stop_and_start_by_keys_change_the_real_container_and_the_screen()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sleep", "600"]);
        var name = console.Containers[0];
        await console.SelectContainerAsync(name);
        console.Screen.Send("t");
        await console.Screen.WaitForTextAsync("y = yes");
        console.Screen.Send("y");
        await console.Screen.WaitForAsync(s => s.Contains("exited", StringComparison.Ordinal), "the container shown as exited");
        Assert.Equal("exited", (await console.Docker.Containers.InspectContainerAsync(name)).State.Status);

        var before = (await console.Docker.Containers.InspectContainerAsync(name)).State.StartedAt;
        console.Screen.Send("s");
        await console.Screen.WaitForAsync(s => s.Contains("running", StringComparison.Ordinal) && !s.Contains("exited", StringComparison.Ordinal), "the container shown running again");
        var after = await console.Docker.Containers.InspectContainerAsync(name);
        Assert.Equal("running", after.State.Status);
        Assert.NotEqual(before, after.State.StartedAt);
    }

    [Fact]
    public async Task Following_a_log_shows_new_lines_and_the_filter_keeps_only_matches()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; echo tock-$i; sleep 0.2; done"]);
        await console.SelectContainerAsync(console.Containers[0]);
        console.Screen.Send("Enter");
        var first = await console.Screen.WaitForAsync(s => Ticks(s).Any(), "log lines");
        var seen = Ticks(first).Max();
        await console.Screen.WaitForAsync(s => Ticks(s).Any(n => n > seen + 3), "newer log lines arriving");

        console.Screen.Send("/");
        console.Screen.Send("tock", literal: true);
        console.Screen.Send("Enter");
        var filtered = await console.Screen.WaitForAsync(s => !s.Contains("tick-", StringComparison.Ordinal) && s.Contains("tock-", StringComparison.Ordinal), "only tock lines");
        Assert.DoesNotContain("tick-", filtered);
    }

    [Fact]
    public async Task A_history_record_opens_with_its_details()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sleep", "600"]);
        var name = console.Containers[0];
        await console.SelectContainerAsync(name);
        var before = (await console.Docker.Containers.InspectContainerAsync(name)).State.StartedAt;
        console.Screen.Send("r");
        await console.Screen.WaitForTextAsync("y = yes");
        console.Screen.Send("y");
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while ((await console.Docker.Containers.InspectContainerAsync(name)).State.StartedAt == before && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        console.Screen.Send("5");
        console.Screen.Send("F5");
        await console.Screen.WaitForTextAsync("container.restart");
        console.Screen.Send("/");
        console.Screen.Send("restart", literal: true);
        console.Screen.Send("Enter");
        await console.Screen.WaitForAsync(s => !s.Contains("server.add", StringComparison.Ordinal), "the history filtered to the restart");
        console.Screen.Send("Enter");
        var record = await console.Screen.WaitForAsync(s => s.Contains(name, StringComparison.Ordinal) && s.Contains("Type:    container.restart", StringComparison.Ordinal) && s.Contains("Result:  success", StringComparison.Ordinal),
            "the record's details");
        Assert.Contains(name, record);
    }

    [Fact]
    public async Task Exec_runs_echo_follows_terminal_resizes_and_returns_to_the_console()
    {
        await using var console = await ConsoleInTmux.StartAsync(["sleep", "600"]);
        await console.SelectContainerAsync(console.Containers[0]);
        console.Screen.Send("x");
        await console.Screen.WaitForTextAsync("type `exit` to come back");
        await console.Screen.WaitForTextAsync("#");
        console.Screen.Send("echo hello-$((6*7))", literal: true);
        console.Screen.Send("Enter");
        await console.Screen.WaitForTextAsync("hello-42");
        console.Screen.Send("busybox stty size", literal: true);
        console.Screen.Send("Enter");
        await console.Screen.WaitForTextAsync("35 120");
        console.Screen.Resize(100, 30);
        // The resize reaches the agent from the SIGWINCH handler while the keys come through stdin: under load the
        // command can run first. Ask again until the new size shows (bounded), as a person would.
        for (var attempt = 1; ; attempt++)
        {
            console.Screen.Send("clear; busybox stty size", literal: true);
            console.Screen.Send("Enter");
            try { await console.Screen.WaitForTextAsync("30 100", seconds: 8); break; }
            catch (Xunit.Sdk.XunitException) when (attempt < 5) { }
        }
        console.Screen.Send("exit", literal: true);
        console.Screen.Send("Enter");
        var back = await console.Screen.WaitForAsync(s => s.Contains("servers 1/1 online", StringComparison.Ordinal), "the console back after exit");
        Assert.Contains("Containers", back);
    }

    private static IEnumerable<int> Ticks(string screen) =>
        System.Text.RegularExpressions.Regex.Matches(screen, @"tick-(\d+)").Select(m => int.Parse(m.Groups[1].Value));
}
