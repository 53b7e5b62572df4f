using System.Text.Json;
using Monitor.Control.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Cli;

/// <summary>CLI verbs that need no agent: init, servers, history, errors. Real SQLite file, in-process CLI.</summary>
public sealed class CliOfflineTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CliRunner _cli;

    public CliOfflineTests() => _cli = new CliRunner(Path.Combine(_dir.Path, "conf", "monitor.toml"))
    {
        AgentOptions = new() { ConnectWait = TimeSpan.FromMilliseconds(500) },
    };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Init_creates_config_key_and_store_and_never_overwrites_the_key()
    {
        var first = await _cli.RunAsync("init", "--json");
        Assert.Equal(0, first.ExitCode);
        var json = first.Json;
        Assert.True(json.GetProperty("configCreated").GetBoolean());
        Assert.True(json.GetProperty("keyCreated").GetBoolean());
        var keyFile = json.GetProperty("keyFile").GetString()!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.StartsWith("monitor-ecdsa-p256 ", json.GetProperty("publicKey").GetString());
        Assert.True(File.Exists(Path.Combine(_dir.Path, "conf", "monitor.db")));
        var pem = await File.ReadAllTextAsync(keyFile);

        var second = await _cli.RunAsync("init", "--json");
        Assert.Equal(0, second.ExitCode);
        Assert.False(second.Json.GetProperty("keyCreated").GetBoolean());
        Assert.False(second.Json.GetProperty("configCreated").GetBoolean());
        Assert.Equal(json.GetProperty("publicKey").GetString(), second.Json.GetProperty("publicKey").GetString());
        Assert.Equal(pem, await File.ReadAllTextAsync(keyFile));

        var text = await _cli.RunAsync("init");
        Assert.Contains("authorized_keys", text.Stdout);
        Assert.Contains(json.GetProperty("publicKey").GetString()!, text.Stdout);
    }

    [Fact]
    public async Task Server_add_list_remove_round_trip_and_bad_input_is_a_usage_error()
    {
        Assert.Equal(0, (await _cli.RunAsync("init")).ExitCode);
        var add = await _cli.RunAsync("server", "add", "web-01", "--url", "ws://127.0.0.1:9", "--json");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal("web-01", add.Json.GetProperty("name").GetString());

        var list = await _cli.RunAsync("server", "list", "--json");
        Assert.Equal("ws://127.0.0.1:9", Assert.Single(list.Json.EnumerateArray()).GetProperty("url").GetString());
        var text = await _cli.RunAsync("server", "list");
        Assert.Matches(@"NAME\s+URL", text.Stdout);
        Assert.Contains("web-01", text.Stdout);

        var bad = await _cli.RunAsync("server", "add", "Web 01", "--url", "ws://h:1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not valid", bad.Stderr);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        var badUrl = await _cli.RunAsync("server", "add", "web-02", "--url", "http://h:1");
        Assert.Equal(2, badUrl.ExitCode);

        var remove = await _cli.RunAsync("server", "remove", "web-01", "--json");
        Assert.Equal(0, remove.ExitCode);
        Assert.Empty((await _cli.RunAsync("server", "list", "--json")).Json.EnumerateArray());
        var missing = await _cli.RunAsync("server", "remove", "web-01");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("server 'web-01' is not known", missing.Stderr);
    }

    [Fact]
    public async Task Status_of_a_dead_server_says_unreachable_and_exits_1()
    {
        await _cli.RunAsync("init");
        await _cli.RunAsync("server", "add", "dead", "--url", $"ws://127.0.0.1:{FreePort.Next()}");
        var status = await _cli.RunAsync("server", "status", "dead", "--json");
        Assert.Equal(1, status.ExitCode);
        Assert.Equal("unreachable", status.Json.GetProperty("state").GetString());
        Assert.Contains("connection refused", status.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Failed_actions_are_recorded_and_history_filters_and_sorts()
    {
        await _cli.RunAsync("init");
        var deadUrl = $"ws://127.0.0.1:{FreePort.Next()}";
        await _cli.RunAsync("server", "add", "web-01", "--url", deadUrl);
        await _cli.RunAsync("server", "add", "db-01", "--url", deadUrl);
        var stop = await _cli.RunAsync("container", "stop", "nginx", "--server", "web-01");
        Assert.Equal(1, stop.ExitCode);
        Assert.Contains("cannot reach", stop.Stderr);
        Assert.DoesNotContain("   at ", stop.Stderr);

        var all = (await _cli.RunAsync("history", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(["container.stop", "server.add", "server.add"], all.Select(a => a.GetProperty("type").GetString()));
        var failed = all[0];
        Assert.False(failed.GetProperty("success").GetBoolean());
        Assert.Equal("web-01", failed.GetProperty("server").GetString());
        Assert.Equal("nginx", failed.GetProperty("target").GetString());
        Assert.Equal(Environment.UserName, failed.GetProperty("user").GetString());
        Assert.Contains("cannot reach", failed.GetProperty("error").GetString());
        foreach (var field in new[] { "id", "start", "end", "stack" }) Assert.True(failed.TryGetProperty(field, out _), field);

        var byServer = (await _cli.RunAsync("history", "--server", "db-01", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal("db-01", Assert.Single(byServer).GetProperty("target").GetString());
        var byType = (await _cli.RunAsync("history", "--type", "server.add", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(2, byType.Count);
        var onlyFailed = (await _cli.RunAsync("history", "--failed", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal("container.stop", Assert.Single(onlyFailed).GetProperty("type").GetString());
        var byUser = (await _cli.RunAsync("history", "--user", "nobody-else", "--json")).Json.EnumerateArray();
        Assert.Empty(byUser);

        var byTarget = (await _cli.RunAsync("history", "--sort", "target", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("target").GetString()).ToList();
        Assert.Equal(["db-01", "nginx", "web-01"], byTarget);
        var byTargetDesc = (await _cli.RunAsync("history", "--sort", "target", "--desc", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("target").GetString()).ToList();
        Assert.Equal(["web-01", "nginx", "db-01"], byTargetDesc);
        var limited = (await _cli.RunAsync("history", "--limit", "1", "--json")).Json.EnumerateArray();
        Assert.Single(limited);
        var recent = (await _cli.RunAsync("history", "--since", "1h", "--json")).Json.EnumerateArray();
        Assert.Equal(3, recent.Count());

        var show = await _cli.RunAsync("history", "show", failed.GetProperty("id").GetInt64().ToString());
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("result:     failed", show.Stdout);
        var text = await _cli.RunAsync("history");
        Assert.Matches(@"ID\s+START\s+DURATION\s+USER\s+TYPE", text.Stdout);

        var badSort = await _cli.RunAsync("history", "--sort", "colour");
        Assert.Equal(2, badSort.ExitCode);
        Assert.Contains("cannot sort by 'colour'", badSort.Stderr);
    }

    [Fact]
    public async Task Read_only_refuses_state_changing_verbs_but_allows_reads()
    {
        await _cli.RunAsync("init");
        var refused = await _cli.RunAsync("--read-only", "server", "add", "web-01", "--url", "ws://h:1");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--read-only", refused.Stderr);
        var run = await _cli.RunAsync("--read-only", "run", "--server", "web-01", "--", "echo", "hi");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("--read-only", "server", "list")).ExitCode);
        Assert.Empty((await _cli.RunAsync("server", "list", "--json")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Config_and_usage_errors_exit_2_with_one_line()
    {
        var missing = await _cli.RunAsync("server", "list");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("run `monitor init`", missing.Stderr);

        await _cli.RunAsync("init");
        await File.AppendAllTextAsync(_cli.ConfigPath, "\n[[servers]]\nname = \"a\"\nurll = \"ws://h:1\"\n");
        var typo = await _cli.RunAsync("server", "list");
        Assert.Equal(2, typo.ExitCode);
        Assert.Matches(@"monitor\.toml:\d+:1: unknown key `urll`; did you mean `url`\?", typo.Stderr);

        var unknownVerb = await _cli.RunAsync("serve-me");
        Assert.Equal(2, unknownVerb.ExitCode);
        var missingOption = await _cli.RunAsync("container", "list");
        Assert.Equal(2, missingOption.ExitCode);
    }
}
