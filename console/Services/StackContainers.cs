namespace Monitor.Control.Services;

/// <summary>The containers of a stack on a server: those labelled monitor.stack=NAME (image stacks) or
/// com.docker.compose.project=NAME (compose stacks).</summary>
public static class StackContainers
{
    public static async Task<IReadOnlyList<string>> NamesAsync(IContainerService containers, string server, string stack, CancellationToken ct)
    {
        var all = await containers.ListAsync(server, true, ct).ConfigureAwait(false);
        var names = all.Where(c => Is(c.Labels, "monitor.stack", stack) || Is(c.Labels, "com.docker.compose.project", stack))
            .Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count > 0 ? names
            : throw new OperationFailedException($"{server}: no container of stack {stack}; is it deployed there? (`monitor stack show {stack}`)", "not_found");
    }

    private static bool Is(IReadOnlyDictionary<string, string> labels, string key, string value) =>
        labels.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.Ordinal);
}
