using Monitor.TestSupport;

namespace Monitor.Control.Tests.Support;

/// <summary>A real in-process agent plus a console config (SQLite file, the agent's trusted key) that declares it as
/// server "local".</summary>
public sealed class AgentFixture : IAsyncDisposable
{
    private AgentFixture(TestAgent agent, TempDirectory dir, string configPath)
    {
        Agent = agent; Dir = dir; ConfigPath = configPath;
        Cli = new CliRunner(configPath);
    }

    public const string ServerName = "local";
    public TestAgent Agent { get; }
    public TempDirectory Dir { get; }
    public string ConfigPath { get; }
    public CliRunner Cli { get; }

    public static async Task<AgentFixture> StartAsync()
    {
        var agent = await TestAgent.StartAsync();
        var dir = new TempDirectory();
        var configPath = dir.File("monitor.toml");
        await File.WriteAllTextAsync(configPath, $"""
            [console]
            sqlite_path = "state.db"
            key_file = "{agent.ConsoleKeyPath}"
            user = "tester"

            [[servers]]
            name = "{ServerName}"
            url = "{agent.Url}"
            """);
        return new AgentFixture(agent, dir, configPath);
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Dir.Dispose();
    }
}
