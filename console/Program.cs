using Monitor.Control.Cli;
using Monitor.Control.Tui;

// `monitor <verb> ...` runs a headless command; `monitor` alone opens the TUI.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
CliApp.Tui = (services, readOnly, ct) => TuiEntry.RunAsync(services,
    new TuiOptions { ReadOnly = readOnly, Stacks = services.Stacks is { } stacks ? new StackServiceSource(stacks, new Monitor.Control.Routes.RouteService(services.Store, services.Agents)) : null }, ct);
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token);
