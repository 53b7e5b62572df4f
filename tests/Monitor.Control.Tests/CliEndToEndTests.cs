using System.Text.Json;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

public sealed class CliEndToEndTests
{
    [Fact]
    public async Task Container_verbs_change_real_state_and_every_action_is_in_the_history()
    {
        await using var docker = new DockerFixture();
        var name = await docker.RunAsync("sleep", "600");
        await using var console = await ConsoleHarness.StartAsync();

        var list = await console.JsonAsync("container", "list", "--server", "local");
        var row = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        foreach (var field in new[] { "id", "name", "image", "state", "status" }) Assert.True(row.TryGetProperty(field, out _), field);
        Assert.Equal("running", row.GetProperty("state").GetString());

        Assert.Equal("exited", (await console.JsonAsync("container", "stop", name, "--server", "local")).GetProperty("state").GetString());
        Assert.Equal("exited", await docker.StateAsync(name));
        Assert.Equal("running", (await console.JsonAsync("container", "start", name, "--server", "local")).GetProperty("state").GetString());
        Assert.Equal("running", await docker.StateAsync(name));
        await console.JsonAsync("container", "restart", name, "--server", "local");
        await console.JsonAsync("container", "remove", name, "--server", "local", "--force");
        var after = await console.JsonAsync("container", "list", "--server", "local");
        Assert.DoesNotContain(after.EnumerateArray(), c => c.GetProperty("name").GetString() == name);

        var failed = await console.RunAsync("container", "start", "mt-no-such-thing", "--server", "local");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("No such container", failed.Error);
        Assert.DoesNotContain("   at ", failed.Error);

        var history = await console.JsonAsync("history", "--server", "local");
        var types = history.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(["container.start", "container.remove", "container.restart", "container.start", "container.stop"], types.Take(5));
        var newest = history[0];
        foreach (var field in new[] { "id", "start", "end", "user", "type", "server", "stack", "target", "success" }) Assert.True(newest.TryGetProperty(field, out _), field);
        Assert.False(newest.GetProperty("success").GetBoolean());
        Assert.Equal(Environment.UserName, newest.GetProperty("user").GetString());
        Assert.True(history[1].GetProperty("success").GetBoolean());
        Assert.Equal(name, history[1].GetProperty("target").GetString());
    }

    [Fact]
    public async Task Run_streams_output_and_propagates_the_exit_code()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var hi = await console.RunAsync("run", "--server", "local", "--", "echo", "hi");
        Assert.Equal(0, hi.ExitCode);
        Assert.Equal("hi\n", hi.Output);
        var three = await console.RunAsync("run", "--server", "local", "--", "sh", "-c", "echo oops >&2; exit 3");
        Assert.Equal(3, three.ExitCode);
        Assert.Equal("oops\n", three.Error);

        var record = (await console.JsonAsync("history", "--type", "command.run", "--failed"))[0];
        var id = record.GetProperty("id").GetInt64();
        var shown = await console.JsonAsync("history", "show", id.ToString());
        Assert.Equal("oops\n", shown.GetProperty("output").GetString());
        Assert.Equal("3", shown.GetProperty("result").GetProperty("exitCode").GetString());
    }

    [Fact]
    public async Task History_filters_and_sorts()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await console.RunAsync("run", "--server", "local", "--", "true");
        await console.RunAsync("run", "--server", "local", "--", "false");
        await console.RunAsync("run", "--server", "local", "--", "sleep", "2");
        var byDuration = await console.JsonAsync("history", "--type", "command.run", "--sort", "duration", "--desc");
        Assert.Equal("sleep", byDuration[0].GetProperty("target").GetString());
        var ascending = await console.JsonAsync("history", "--sort", "id");
        var ids = ascending.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        var failures = await console.JsonAsync("history", "--failed");
        Assert.All(failures.EnumerateArray(), r => Assert.False(r.GetProperty("success").GetBoolean()));
        Assert.Single(failures.EnumerateArray());
        var none = await console.JsonAsync("history", "--user", "somebody-else");
        Assert.Empty(none.EnumerateArray());
    }

    [Fact]
    public async Task Server_verbs_add_status_list_and_remove()
    {
        await using var console = await ConsoleHarness.StartAsync("web-01");
        var status = await console.JsonAsync("server", "status", "web-01");
        Assert.Equal("online", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("metrics").GetProperty("memoryTotalBytes").GetInt64() > 0);
        var bad = await console.RunAsync("server", "add", "Bad Name", "--url", "http://x");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("monitor: ", bad.Error);
        Assert.Contains("not a valid server name", bad.Error);
        var badUrl = await console.RunAsync("server", "add", "web-02", "--url", "http://x:1");
        Assert.Contains("ws://HOST:PORT", badUrl.Error);
        Assert.Equal(0, (await console.RunAsync("server", "remove", "web-01")).ExitCode);
        Assert.Empty((await console.JsonAsync("server", "list")).EnumerateArray());
        var unknown = await console.RunAsync("container", "list", "--server", "web-01");
        Assert.Contains("unknown server 'web-01'", unknown.Error);
    }

    [Fact]
    public async Task Read_only_mode_refuses_state_changes_but_still_reads()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var refused = await console.RunAsync("container", "restart", "anything", "--server", "local", "--read-only");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--read-only", refused.Error);
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "local", "--read-only")).ExitCode);
    }
}
