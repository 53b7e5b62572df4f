using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>Hardening fault 8 through the real CLI (in-process, real store, real agent): control characters are refused
/// where names enter, tables escape what came from outside and cut long values with an ellipsis, --json keeps the
/// full value.</summary>
public sealed class TerminalInjectionTests
{
    [Theory]
    [InlineData("evil\n")]
    [InlineData("evil\u001b]0;owned\u0007")]
    public async Task Server_add_refuses_names_with_control_characters(string name)
    {
        await using var console = await ConsoleHarness.StartAsync();
        var result = await console.RunAsync("server", "add", name, "--url", "ws://127.0.0.1:1");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not a valid server name", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Error);
        var names = (await console.JsonAsync("server", "list")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["local"], names);
    }

    [Fact]
    public async Task Server_add_refuses_a_description_with_an_escape_sequence()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var result = await console.RunAsync("server", "add", "web-02", "--url", "ws://127.0.0.1:1", "--description", "ok\u001b[2J\u001b]0;owned\u0007");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("control character", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Error);
    }

    [Fact]
    public async Task Tables_cut_long_values_with_an_ellipsis_and_json_keeps_them_whole()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var longText = new string('w', 10_000);
        Assert.Equal(0, (await console.RunAsync("server", "add", "wide", "--url", "ws://127.0.0.1:1", "--description", longText)).ExitCode);
        var table = await console.RunAsync("server", "list");
        Assert.Equal(0, table.ExitCode);
        Assert.All(table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(line.Length < 300, $"a {line.Length}-character row"));
        Assert.Contains("…", table.Output, StringComparison.Ordinal);
        var json = await console.JsonAsync("server", "list");
        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("description").GetString() == longText);
    }

    [Fact]
    public async Task History_escapes_values_that_would_forge_a_line_or_drive_the_terminal()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using (var store = new SqliteStateStore(Path.Combine(Path.GetDirectoryName(console.ConfigPath)!, "monitor.db")))
        {
            await store.AddActionAsync(new ActionRecord
            {
                Start = DateTimeOffset.UtcNow, User = "mallory\u001b]0;owned\u0007", Type = "container.start", Server = "local",
                Target = "web\n#999 2026-01-01 00:00:00 root server.remove", Parameters = new Dictionary<string, string> { ["x"] = "a\rb" },
            });
        }
        var table = await console.RunAsync("history");
        Assert.Equal(0, table.ExitCode);
        Assert.DoesNotContain('\u001b', table.Output);
        Assert.DoesNotContain(table.Output.Split('\n'), l => l.StartsWith("#999", StringComparison.Ordinal));
        Assert.Contains("web\\n#999", table.Output, StringComparison.Ordinal);
    }
}
