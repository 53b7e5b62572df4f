using System.Text;
using System.Threading.Channels;
using Monitor.Control.Composition;
using Monitor.Control.Exec;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

public sealed class ExecTests
{
    /// <summary>A terminal made of a script of typed lines and a buffer of what was shown (our own relay logic under test;
    /// the agent, Docker and the container are real).</summary>
    private sealed class ScriptedTerminal(params string[] lines) : IExecTerminal
    {
        private readonly Channel<byte[]> _typed = CreateTyped(lines);
        public StringBuilder Shown { get; } = new();
        public bool IsInteractive => false;
        public (int Columns, int Rows)? Size => null;
        public event Action? Resized { add { } remove { } }
        public IDisposable EnterRawMode() => new MemoryStream();

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
        {
            if (!await _typed.Reader.WaitToReadAsync(ct)) return 0;
            var bytes = await _typed.Reader.ReadAsync(ct);
            bytes.CopyTo(buffer);
            return bytes.Length;
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            lock (Shown) Shown.Append(Encoding.UTF8.GetString(bytes.Span));
            return ValueTask.CompletedTask;
        }

        private static Channel<byte[]> CreateTyped(string[] lines)
        {
            var channel = Channel.CreateUnbounded<byte[]>();
            foreach (var line in lines) channel.Writer.TryWrite(Encoding.UTF8.GetBytes(line + "\n"));
            channel.Writer.Complete();
            return channel;
        }
    }

    [Fact]
    public async Task A_shell_session_relays_input_and_output_and_returns_the_exit_code()
    {
        await using var docker = new DockerFixture();
        var name = await docker.RunAsync("sleep", "600");
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);
        var terminal = new ScriptedTerminal("echo hello-$((6*7))", "exit 4");
        var code = await services.Exec!.RunAsync("local", name, [], terminal, CancellationToken.None);
        Assert.Equal(4, code);
        Assert.Contains("hello-42", terminal.Shown.ToString());

        var record = (await console.JsonAsync("history", "--type", "container.exec"))[0];
        Assert.Equal(name, record.GetProperty("target").GetString());
        Assert.Equal("4", record.GetProperty("result").GetProperty("exitCode").GetString());
    }

    [Fact]
    public async Task Exec_into_a_missing_container_fails_clearly_and_is_recorded()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);
        var error = await Assert.ThrowsAsync<Monitor.Control.Services.OperationFailedException>(() =>
            services.Exec!.RunAsync("local", "mt-no-such-container", ["echo", "x"], new ScriptedTerminal(), CancellationToken.None));
        Assert.Contains("No such container", error.Message);
        var record = (await console.JsonAsync("history", "--type", "container.exec"))[0];
        Assert.False(record.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Exec_into_a_stopped_container_says_how_to_start_it()
    {
        await using var docker = new DockerFixture();
        var name = await docker.RunAsync("sleep", "600");
        await docker.Docker.Containers.KillContainerAsync(name, new Docker.DotNet.Models.ContainerKillParameters());
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);
        var error = await Assert.ThrowsAsync<Monitor.Control.Services.OperationFailedException>(() =>
            services.Exec!.RunAsync("local", name, [], new ScriptedTerminal(), CancellationToken.None));
        Assert.Contains("is not running", error.Message);
        Assert.True(error.Message.Contains($"monitor container start {name} --server local", StringComparison.Ordinal), error.Message + " code=" + error.Code);
    }
}
