using System.Reflection;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>A stand-in for parts the TUI must not touch (store, agent factory): any call but disposal throws.</summary>
public class Unused<T> : DispatchProxy where T : class
{
    public static T Create() => DispatchProxy.Create<T, Unused<T>>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == "DisposeAsync"
            ? ValueTask.CompletedTask
            : throw new InvalidOperationException($"The TUI called {typeof(T).Name}.{targetMethod?.Name}; views must use the services only.");
}
