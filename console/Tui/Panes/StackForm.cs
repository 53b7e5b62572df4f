using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Config;

namespace Monitor.Control.Tui.Panes;

/// <summary>Add or edit a stack on the prompt line: name → image → target servers → ports, each checked before the
/// next question. Settings the form does not ask about (repo, build, compose, env, limits) are kept as they are;
/// those are edited in monitor.toml and applied with `monitor sync`.</summary>
internal sealed class StackForm(IShell shell, IStackSource source, Func<CancellationToken, Task> refresh)
{
    public void Add() => AskName(new StackConfig { Deploy = new StackDeployConfig() });

    public void Edit(string name) => shell.RunBackground($"Load stack {name}", async ct =>
    {
        var stack = await source.GetAsync(name, ct).ConfigureAwait(false);
        shell.Post(() =>
        {
            if (stack is null) { shell.SetMessage($"Stack {name} has no definition to edit.", error: true); return; }
            stack.Deploy ??= new StackDeployConfig();
            AskImage(stack);
        });
    });

    private void AskName(StackConfig stack) =>
        shell.Prompt("Stack name", stack.Name, value =>
        {
            if (Problem(() => Stacks.StackRules.ValidateName(value, "stack name")) is { } problem) { shell.SetMessage(problem, error: true); AskName(stack); return; }
            stack.Name = value;
            AskImage(stack);
        });

    private void AskImage(StackConfig stack) =>
        shell.Prompt(stack.Build is not null || stack.Compose is not null ? $"Prebuilt image for {stack.Name} (empty: keep its build)" : $"Image for {stack.Name} (e.g. nginx:1.27)",
            stack.Image ?? "", value =>
            {
                if (value.Length == 0 && stack.Build is null && stack.Compose is null)
                {
                    shell.SetMessage($"Stack {stack.Name} needs an image (or a build/compose section in monitor.toml).", error: true);
                    AskImage(stack);
                    return;
                }
                if (value.StartsWith('-') || value.Contains(' ')) { shell.SetMessage($"'{value}' is not an image reference.", error: true); AskImage(stack); return; }
                stack.Image = value.Length == 0 ? null : value;
                AskTargets(stack);
            });

    private void AskTargets(StackConfig stack) =>
        shell.Prompt($"Target servers for {stack.Name} (comma-separated)", string.Join(",", stack.Deploy!.Targets), value =>
        {
            var targets = Split(value);
            if (targets.Count == 0) { shell.SetMessage("Name at least one target server.", error: true); AskTargets(stack); return; }
            stack.Deploy!.Targets = targets;
            AskPorts(stack);
        });

    private void AskPorts(StackConfig stack) =>
        shell.Prompt($"Ports for {stack.Name} (e.g. 8080:80, comma-separated)", string.Join(",", stack.Deploy!.Ports), value =>
        {
            stack.Deploy!.Ports = Split(value);
            if (Problem(() => Stacks.StackRules.Validate(stack)) is { } problem) { shell.SetMessage(problem, error: true); AskPorts(stack); return; }
            shell.RunBackground($"Save stack {stack.Name}", async ct =>
            {
                await source.SaveAsync(stack, ct).ConfigureAwait(false);
                shell.Post(() => shell.SetMessage($"Saved stack {stack.Name}."));
                await refresh(ct).ConfigureAwait(false);
            });
        });

    private static List<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Problem(Action check)
    {
        try { check(); return null; }
        catch (Services.OperationFailedException e) { return e.Message; }
    }
}
