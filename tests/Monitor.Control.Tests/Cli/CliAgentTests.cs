using System.Text.Json;
using Monitor.Control.Tests.Support;

namespace Monitor.Control.Tests.Cli;

/// <summary>The CLI end-to-end, in-process, against a real agent, real Docker and a real SQLite file.</summary>
public sealed class CliAgentTests : IAsyncLifetime
{
    private AgentFixture _fx = null!;
    private TestContainers _containers = null!;

    public async Task InitializeAsync()
    {
        _fx = await AgentFixture.StartAsync();
        _containers = new TestContainers();
    }

    public async Task DisposeAsync()
    {
        await _containers.DisposeAsync();
        await _fx.DisposeAsync();
    }

    private CliRunner Cli => _fx.Cli;
    private const string S = AgentFixture.ServerName;

    [Fact]
    public async Task Container_verbs_change_the_real_state_and_every_action_is_recorded()
    {
        var name = await _containers.CreateAsync("web", "trap 'exit 0' TERM; while true; do sleep 1; done");

        var list = await Cli.RunAsync("container", "list", "--server", S, "--json");
        Assert.Equal(0, list.ExitCode);
        var row = list.Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        Assert.Equal("running", row.GetProperty("state").GetString());
        Assert.Equal("local/busybox:latest", row.GetProperty("image").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("id").GetString()));
        Assert.StartsWith("Up", row.GetProperty("status").GetString());
        var text = await Cli.RunAsync("container", "list", "--server", S);
        Assert.Matches(@"ID\s+NAME\s+IMAGE\s+STATE\s+STATUS", text.Stdout);

        Assert.Equal(0, (await Cli.RunAsync("container", "stop", name, "--server", S)).ExitCode);
        Assert.False((await _containers.StateAsync(name))!.Running);
        Assert.Equal(0, (await Cli.RunAsync("container", "start", name, "--server", S)).ExitCode);
        Assert.True((await _containers.StateAsync(name))!.Running);
        var startedAt = (await _containers.StateAsync(name))!.StartedAt;
        var restart = await Cli.RunAsync("container", "restart", name, "--server", S, "--json");
        Assert.Equal(0, restart.ExitCode);
        Assert.Equal("running", restart.Json.GetProperty("state").GetString());
        Assert.NotEqual(startedAt, (await _containers.StateAsync(name))!.StartedAt);

        var refused = await Cli.RunAsync("container", "remove", name, "--server", S);
        Assert.Equal(1, refused.ExitCode);
        Assert.NotNull(await _containers.StateAsync(name));
        Assert.Equal(0, (await Cli.RunAsync("container", "remove", name, "--server", S, "--force")).ExitCode);
        Assert.Null(await _containers.StateAsync(name));

        var missing = await Cli.RunAsync("container", "start", name, "--server", S);
        Assert.Equal(1, missing.ExitCode);
        Assert.Single(missing.Stderr.Trim().Split('\n'));

        var history = (await Cli.RunAsync("history", "--server", S, "--sort", "id", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(
            [("container.stop", true), ("container.start", true), ("container.restart", true), ("container.remove", false), ("container.remove", true), ("container.start", false)],
            history.Select(h => (h.GetProperty("type").GetString(), h.GetProperty("success").GetBoolean())));
        Assert.All(history, h =>
        {
            Assert.Equal("tester", h.GetProperty("user").GetString());
            Assert.Equal(S, h.GetProperty("server").GetString());
            Assert.Equal(name, h.GetProperty("target").GetString());
            Assert.Equal(JsonValueKind.String, h.GetProperty("end").ValueKind);
        });
        Assert.Equal("true", history[4].GetProperty("parameters").GetProperty("force").GetString());
        Assert.False(string.IsNullOrEmpty(history[3].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Run_streams_output_and_propagates_the_exit_code()
    {
        var hi = await Cli.RunAsync("run", "--server", S, "--", "echo", "hi");
        Assert.Equal(0, hi.ExitCode);
        Assert.Equal("hi\n", hi.Stdout);

        var three = await Cli.RunAsync("run", "--server", S, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        Assert.Equal(3, three.ExitCode);
        Assert.Equal("out\n", three.Stdout);
        Assert.Contains("err", three.Stderr);

        var shell = await Cli.RunAsync("run", "--server", S, "--shell", "--json", "--", "echo", "$((2+3))");
        Assert.Equal(0, shell.ExitCode);
        Assert.Equal("5\n", shell.Json.GetProperty("stdout").GetString());

        var history = (await Cli.RunAsync("history", "--type", "command.run", "--sort", "id", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.True(history[0].GetProperty("success").GetBoolean());
        Assert.False(history[1].GetProperty("success").GetBoolean());
        Assert.Equal("3", history[1].GetProperty("result").GetProperty("exit_code").GetString());
        var show = await Cli.RunAsync("history", "show", history[1].GetProperty("id").GetInt64().ToString(), "--json");
        Assert.Contains("out", show.Json.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Server_status_and_logs_work_against_the_agent()
    {
        var status = await Cli.RunAsync("server", "status", S, "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("online", status.Json.GetProperty("state").GetString());
        Assert.True(status.Json.GetProperty("metrics").GetProperty("memoryTotalBytes").GetInt64() > 0);

        var name = await _containers.CreateAsync("printer", "echo one; echo two >&2; sleep 0.3; echo three");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _containers.StateAsync(name))!.Running && DateTime.UtcNow < deadline) await Task.Delay(50);
        var logs = await Cli.RunAsync("logs", name, "--server", S);
        Assert.Equal(0, logs.ExitCode);
        Assert.Equal("one\nthree\n", logs.Stdout);
        Assert.Contains("two", logs.Stderr);
        var tail = await Cli.RunAsync("logs", name, "--server", S, "--tail", "1", "--timestamps");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(tail.Stdout, @"^\d{4}-\d\d-\d\dT\S+ three\n$"), tail.ToString());
    }
}
