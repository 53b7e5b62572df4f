using System.Net;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Control.Webhooks;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>The real webhook HTTP endpoint (Kestrel on a free port) over a real SQLite store with the given stacks
/// saved and a global secret file; it must never deploy (the deploy callback throws). Disposed by the test class.</summary>
public sealed class WebhookEndpoint : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _log = new();
    private SqliteStateStore _store = null!;
    private WebhookService _hooks = null!;
    private WebhookServer _server = null!;

    private WebhookEndpoint() { }

    public HttpClient Http { get; } = new();
    public SqliteStateStore Store => _store;
    public Uri BaseUrl => _server.Url;
    /// <summary>What the webhook service logged so far.</summary>
    public string Log => _log.ToString();

    public string Url(string stack) => new Uri(_server.Url, "hooks/" + stack).ToString();

    /// <summary>A stack of repo /nonexistent/repo (main), built on "a" and deployed to "a".</summary>
    public static StackConfig Stack(string name, StackWebhookConfig? webhook = null) => new()
    {
        Name = name, Repo = new StackRepoConfig { Url = "/nonexistent/repo", Branch = "main" }, Build = new StackBuildConfig { Server = "a" },
        Deploy = new StackDeployConfig { Targets = ["a"] }, Webhook = webhook,
    };

    /// <param name="globalSecret">Written to global.secret, the [webhook] secret_file.</param>
    /// <param name="files">Other files (e.g. a stack's own secret_file) written beside it, relative names.</param>
    public static async Task<WebhookEndpoint> StartAsync(string globalSecret, IEnumerable<StackConfig> stacks, IReadOnlyDictionary<string, string>? files = null)
    {
        var endpoint = new WebhookEndpoint();
        await endpoint.InitializeAsync(globalSecret, stacks, files ?? new Dictionary<string, string>());
        return endpoint;
    }

    private async Task InitializeAsync(string globalSecret, IEnumerable<StackConfig> stacks, IReadOnlyDictionary<string, string> files)
    {
        _store = new SqliteStateStore(_dir.File("monitor.db"));
        await _store.MigrateAsync();
        var stackService = new StackService(_store, new Monitor.Control.Agents.AgentClientFactory(Monitor.Shared.Security.ConsoleKeyPair.Generate(), "tester"), "tester", null);
        foreach (var stack in stacks) await stackService.SaveAsync(stack);
        await File.WriteAllTextAsync(_dir.File("global.secret"), globalSecret);
        foreach (var (name, content) in files) await File.WriteAllTextAsync(_dir.File(name), content);
        var secrets = new WebhookSecrets(new WebhookConfig { SecretFile = _dir.File("global.secret") }, _dir.Path);
        _hooks = new WebhookService(stackService, _ => throw new InvalidOperationException("these tests must not deploy"), _store, secrets, TextWriter.Synchronized(_log));
        _server = await WebhookServer.StartAsync(_hooks.Handler, new IPEndPoint(IPAddress.Loopback, FreePort.Next()), 64 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _hooks.StopAsync(TimeSpan.Zero);
        await _store.DisposeAsync();
        Http.Dispose();
        _dir.Dispose();
    }
}
