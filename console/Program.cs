// Entry point: the headless CLI (console/Cli). With no verb, `monitor` prints help until the TUI is wired in.
using Monitor.Control.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancel.IsCancellationRequested) return; // a second Ctrl+C ends the process the default way
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token);
