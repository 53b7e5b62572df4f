using System.Diagnostics;

namespace Monitor.Agent.Stacks;

/// <summary>Runs a program with an argument list (no shell), forwarding its output lines to an <see cref="OutputPump"/>.</summary>
public static class ProcessRunner
{
    public static async Task<int> RunAsync(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> env, OutputPump output, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env) info.Environment[key] = value;
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Write("stdout", e.Data + "\n"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Write("stderr", e.Data + "\n"); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }
}
