namespace Monitor.Control.Tui.Panes;

/// <summary>Reports progress on the reporting thread, in order (<see cref="Progress{T}"/> may reorder on the pool).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
