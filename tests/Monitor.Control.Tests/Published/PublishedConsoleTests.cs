using System.Text.Json;
using Monitor.TestSupport;
using Npgsql;

namespace Monitor.Control.Tests.Published;

/// <summary>Smoke tests of the PUBLISHED console (NativeAOT, reflection-based JSON and TOML binding off): what only
/// the native binary can get wrong (missing source-generated metadata, trimmed members) shows up here.</summary>
public sealed class PublishedConsoleTests
{
    [Fact]
    public async Task The_published_console_is_a_native_executable_without_managed_assemblies()
    {
        var path = PublishedConsole.Executable;
        var head = new byte[4];
        await using (var file = File.OpenRead(path)) Assert.Equal(4, await file.ReadAsync(head));
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, head);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "monitor.dll")), "a monitor.dll beside it means a JIT (not NativeAOT) publish");
    }

    [Fact]
    public async Task Init_and_a_verb_print_json_and_a_failure_is_a_json_error()
    {
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        var init = await PublishedConsole.RunAsync("--config", config, "--json", "init");
        Assert.True(init.ExitCode == 0, init.Error);
        var created = JsonDocument.Parse(init.Output).RootElement;
        Assert.True(created.GetProperty("createdConfig").GetBoolean());
        Assert.StartsWith("monitor-ecdsa-p256 ", created.GetProperty("publicKey").GetString());
        Assert.StartsWith("SHA256:", created.GetProperty("fingerprint").GetString());

        var add = await PublishedConsole.RunAsync("--config", config, "--json", "server", "add", "web-01", "--url", "ws://127.0.0.1:9");
        Assert.True(add.ExitCode == 0, add.Error);
        var list = await PublishedConsole.RunAsync("--config", config, "--json", "server", "list");
        Assert.True(list.ExitCode == 0, list.Error);
        var server = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal("web-01", server.GetProperty("name").GetString());
        Assert.Equal("ws://127.0.0.1:9", server.GetProperty("url").GetString());

        var missing = await PublishedConsole.RunAsync("--config", config, "--json", "container", "list", "--server", "nowhere");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Equal("", missing.Output);
        var error = JsonDocument.Parse(missing.Error).RootElement.GetProperty("error");
        Assert.Equal("not_found", error.GetProperty("code").GetString());
        Assert.Contains("nowhere", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_monitor_toml_with_errors_is_reported_with_file_line_and_column()
    {
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        Assert.Equal(0, (await PublishedConsole.RunAsync("--config", config, "init")).ExitCode);
        var good = await File.ReadAllTextAsync(config);
        var line = good.Split('\n').Length + 2;

        await File.WriteAllTextAsync(config, good + "\n[[servers]]\nname = \"web-01\"\nadress = \"wss://10.0.0.1:8120\"\n");
        var typo = await PublishedConsole.RunAsync("--config", config, "server", "list");
        Assert.Equal(2, typo.ExitCode);
        Assert.StartsWith($"monitor: {config}:{line + 1}:1: unknown key `adress`", typo.Error);
        Assert.Contains("valid here: description, keep_logs, name, tags, url", typo.Error);

        await File.WriteAllTextAsync(config, good + "\n[[servers]]\nname = [1, 2]\n");
        var type = await PublishedConsole.RunAsync("--config", config, "--json", "server", "list");
        Assert.Equal(2, type.ExitCode);
        var error = JsonDocument.Parse(type.Error).RootElement.GetProperty("error");
        Assert.Equal("config", error.GetProperty("code").GetString());
        Assert.StartsWith($"{config}:{line}:", error.GetProperty("message").GetString());

        // A good file with a ${VAR} reference reads (the model is bound without reflection).
        await File.WriteAllTextAsync(config, good + "\n[[servers]]\nname = \"web-01\"\nurl = \"${MT_CLI_URL:-ws://127.0.0.1:9}\"\ntags = [\"edge\"]\n");
        var sync = await PublishedConsole.RunAsync("--config", config, "--json", "sync", "--dry-run");
        Assert.True(sync.ExitCode == 0, sync.Error);
        Assert.Equal(1, JsonDocument.Parse(sync.Output).RootElement.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task Container_list_restart_and_history_against_a_real_agent_on_sqlite()
    {
        await using var docker = new DockerFixture();
        var container = await docker.RunAsync("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done");
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        Assert.Equal(0, (await PublishedConsole.RunAsync("--config", config, "init")).ExitCode);
        await using var agent = await TestAgent.StartAsync();
        await File.AppendAllTextAsync(agent.Config.AuthorizedKeys, File.ReadAllLines(dir.File("console_key.pem.pub"))[0] + "\n");
        var add = await PublishedConsole.RunAsync("--config", config, "server", "add", "local", "--url", agent.Url.ToString().TrimEnd('/'));
        Assert.True(add.ExitCode == 0, add.Error);

        var table = await PublishedConsole.RunAsync("--config", config, "container", "list", "--server", "local");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains(container, table.Output);
        var json = await PublishedConsole.RunAsync("--config", config, "--json", "container", "list", "--server", "local");
        Assert.True(json.ExitCode == 0, json.Error);
        var row = JsonDocument.Parse(json.Output).RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == container);
        Assert.Equal("running", row.GetProperty("state").GetString());

        var restart = await PublishedConsole.RunAsync("--config", config, "container", "restart", container, "--server", "local");
        Assert.True(restart.ExitCode == 0, restart.Error);
        Assert.Equal("running", await docker.StateAsync(container));

        var history = await PublishedConsole.RunAsync("--config", config, "--json", "history");
        Assert.True(history.ExitCode == 0, history.Error);
        var record = JsonDocument.Parse(history.Output).RootElement.EnumerateArray().First(r => r.GetProperty("type").GetString() == "container.restart");
        Assert.Equal(container, record.GetProperty("target").GetString());
        Assert.True(record.GetProperty("success").GetBoolean());
        var show = await PublishedConsole.RunAsync("--config", config, "history", "show", record.GetProperty("id").GetInt64().ToString());
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains($"container.restart by ", show.Output);
    }

    [Fact]
    public async Task The_postgresql_store_works_from_the_published_console()
    {
        var connection = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured : "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";
        var schema = "mt_cli_" + Guid.NewGuid().ToString("N")[..8];
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        try
        {
            Assert.Equal(0, (await PublishedConsole.RunAsync("--config", config, "init")).ExitCode);
            var text = await File.ReadAllTextAsync(config);
            Assert.Contains("store = \"sqlite\"", text);
            await File.WriteAllTextAsync(config, text.Replace("store = \"sqlite\"", $"store = \"postgres\"\npostgres = \"{connection};Search Path={schema}\""));

            var add = await PublishedConsole.RunAsync("--config", config, "server", "add", "pg-01", "--url", "ws://127.0.0.1:9", "--description", "on postgres");
            Assert.True(add.ExitCode == 0, add.Error);
            var list = await PublishedConsole.RunAsync("--config", config, "--json", "server", "list");
            Assert.True(list.ExitCode == 0, list.Error);
            Assert.Equal("on postgres", Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray()).GetProperty("description").GetString());

            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".servers WHERE name = 'pg-01'", db);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", db);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
