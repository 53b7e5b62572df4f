using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void An_unknown_key_names_file_line_column_and_the_nearest_key()
    {
        using var dir = new TempDirectory();
        var path = dir.File("monitor.toml");
        File.WriteAllText(path, "[console]\nstore = \"sqlite\"\n\n[[servers]]\nname = \"web-01\"\nulr = \"ws://10.0.0.1:8120\"\n");
        var e = Assert.Throws<ConfigException>(() => MonitorServicesFactory.LoadConfig(path));
        Assert.Equal((path, 6, 1), (e.File, e.Line, e.Column));
        Assert.Contains("did you mean `url`", e.Message);
    }

    [Fact]
    public void A_wrong_value_type_names_file_line_and_column()
    {
        using var dir = new TempDirectory();
        var path = dir.File("monitor.toml");
        File.WriteAllText(path, "[console]\nstore = 5\n");
        var e = Assert.Throws<ConfigException>(() => MonitorServicesFactory.LoadConfig(path));
        Assert.Equal(2, e.Line);
        Assert.StartsWith($"{path}:2:", e.Message);
    }

    [Fact]
    public void A_bad_server_url_and_a_duplicate_name_name_their_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("monitor.toml");
        File.WriteAllText(path, "[[servers]]\nname = \"a\"\nurl = \"ws://h:1\"\n[[servers]]\nname = \"b\"\nurl = \"http://nope\"\n");
        var e = Assert.Throws<ConfigException>(() => MonitorServicesFactory.LoadConfig(path));
        Assert.Equal(5, e.Line);
        Assert.Contains("ws://HOST:PORT", e.Message);

        File.WriteAllText(path, "[[servers]]\nname = \"a\"\nurl = \"ws://h:1\"\n[[servers]]\nname = \"a\"\nurl = \"ws://h:2\"\n");
        Assert.Contains("declared twice", Assert.Throws<ConfigException>(() => MonitorServicesFactory.LoadConfig(path)).Message);
    }

    [Fact]
    public async Task Servers_declared_in_the_config_reach_the_store_through_sync_not_at_start_up()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await File.AppendAllTextAsync(console.ConfigPath, "\n[[servers]]\nname = \"db-01\"\nurl = \"ws://10.9.9.9:8120\"\ndescription = \"database\"\n");
        var before = await console.JsonAsync("server", "list");
        Assert.DoesNotContain(before.EnumerateArray(), s => s.GetProperty("name").GetString() == "db-01");
        await console.JsonAsync("sync");
        var list = await console.JsonAsync("server", "list");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("name").GetString() == "db-01" && s.GetProperty("description").GetString() == "database");
    }

    [Fact]
    public void The_recorder_masks_secret_parameters_and_caps_output()
    {
        var masked = ActionRecorder.Mask(new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2", ["api_token"] = "t", ["image"] = "web:1" });
        Assert.Equal("***", masked["DB_PASSWORD"]);
        Assert.Equal("***", masked["api_token"]);
        Assert.Equal("web:1", masked["image"]);
        var capped = ActionRecorder.Cap(new string('x', 200_000));
        Assert.True(capped.Length < 70_000);
        Assert.EndsWith("[truncated 134464 bytes]", capped);
    }

    [Fact]
    public async Task Init_is_idempotent_and_never_replaces_the_key()
    {
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        var first = new StringWriter();
        Assert.Equal(0, await Monitor.Control.Cli.CliApp.RunAsync(["init", "--config", config], first, new StringWriter()));
        var key = File.ReadAllText(dir.File("console_key.pem"));
        Assert.Equal(0, await Monitor.Control.Cli.CliApp.RunAsync(["init", "--config", config], new StringWriter(), new StringWriter()));
        Assert.Equal(key, File.ReadAllText(dir.File("console_key.pem")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("console_key.pem")));
        Assert.Contains("monitor-ecdsa-p256 ", first.ToString());
        Assert.True(File.Exists(dir.File("monitor.db")));
    }
}
