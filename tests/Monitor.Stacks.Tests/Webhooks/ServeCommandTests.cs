using System.Net;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>`monitor serve` through the real CLI (in-process): config mistakes exit 2 with one clear line; a good
/// config serves until cancelled and exits 0.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Config => _dir.File("monitor.toml");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> RunAsync(CancellationToken ct, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["--config", Config, .. args], TextWriter.Synchronized(stdout), stderr, ct);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task InitAsync(string webhookToml)
    {
        Assert.Equal(0, (await RunAsync(default, "init")).Code);
        await File.AppendAllTextAsync(Config, "\n" + webhookToml);
    }

    private static void AssertUsageError((int Code, string Out, string Err) result, string expected)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}: {result.Err}");
        Assert.Contains(expected, result.Err);
        Assert.DoesNotContain("   at ", result.Err); // no stack trace
        Assert.Single(result.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_bad_listen_address_exits_2_naming_the_line()
    {
        await InitAsync("[webhook]\nlisten = \"localhost\"\nsecret_env = \"PATH\"\n");
        var lines = File.ReadAllLines(Config);
        var line = Array.FindIndex(lines, l => l.StartsWith("listen", StringComparison.Ordinal)) + 1;
        AssertUsageError(await RunAsync(default, "serve"), $"monitor.toml:{line}:1: [webhook] listen address \"localhost\" is not host:port");
        AssertUsageError(await RunAsync(default, "serve", "--listen", "1.2.3:x"), "--listen: listen address \"1.2.3:x\" is not host:port");
    }

    [Fact]
    public async Task No_secret_or_an_unset_secret_variable_exits_2_saying_what_to_set()
    {
        await InitAsync("[webhook]\nlisten = \"127.0.0.1:0\"\n");
        AssertUsageError(await RunAsync(default, "serve"), "monitor serve needs a webhook secret: add `secret_env");

        await File.AppendAllTextAsync(Config, "secret_env = \"MONITOR_TEST_UNSET_WEBHOOK_SECRET_VAR\"\n");
        AssertUsageError(await RunAsync(default, "serve"), "environment variable MONITOR_TEST_UNSET_WEBHOOK_SECRET_VAR is not set");
    }

    [Fact]
    public async Task A_misspelled_key_exits_2_with_the_nearest_valid_key()
    {
        await InitAsync("[webhook]\nsecret_fil = \"hook.secret\"\n");
        AssertUsageError(await RunAsync(default, "serve"), "did you mean `secret_file`?");
    }

    [Fact]
    public async Task Serve_takes_signed_deliveries_for_synced_stacks_until_cancelled()
    {
        var port = FreePort.Next();
        await File.WriteAllTextAsync(_dir.File("hook.secret"), "cli-secret\n");
        await InitAsync($"""
            [webhook]
            listen = "127.0.0.1:1"
            secret_file = "hook.secret"

            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "/nonexistent/web.git"
            [stacks.build]
            server = "local"
            [stacks.deploy]
            targets = ["local"]
            """);
        Assert.Equal(0, (await RunAsync(default, "sync")).Code);

        using var stop = new CancellationTokenSource();
        var serving = RunAsync(stop.Token, "serve", "--listen", $"127.0.0.1:{port}");
        var baseUrl = $"http://127.0.0.1:{port}/";
        Assert.Equal("ok\n", await HttpProbe.WaitForAsync(baseUrl + "healthz", "ok", TimeSpan.FromMinutes(1)));
        using var http = new HttpClient();
        var ping = await http.SendAsync(SignedPush.GitHub(baseUrl + "hooks/web", "cli-secret", "{\"zen\":\"hi\"}", "cli-1", "ping"));
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        var other = await http.SendAsync(SignedPush.GitHub(baseUrl + "hooks/web", "cli-secret", SignedPush.Body("dev", new string('a', 40)), "cli-2"));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);

        await stop.CancelAsync();
        var (code, output, error) = await serving;
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains($"listening on http://127.0.0.1:{port}/", output);
        Assert.Contains("stacks taking webhooks: web@main", output);
        Assert.Contains("webhook github stack=web branch=- commit=- delivery=cli-1 status=200 outcome=pong", output);
        Assert.Contains("webhook github stack=web branch=dev commit=aaaaaaaaaaaa delivery=cli-2 status=202 outcome=ignored: push to dev; the stack deploys main", output);
        Assert.Contains("monitor serve: stopped", output);
        Assert.DoesNotContain("cli-secret", output);
    }
}
