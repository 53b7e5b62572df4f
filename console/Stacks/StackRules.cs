using System.Text.RegularExpressions;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Control.Stacks;

/// <summary>Checks a stack definition before it is saved or deployed; messages say what is wrong and how to fix it.</summary>
public static partial class StackRules
{
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_.-]*\z")]
    private static partial Regex NamePattern();

    /// <summary>Compose's name rule: <c>[a-z0-9][a-z0-9_.-]*</c>.</summary>
    public static bool IsValidName(string? name) => !string.IsNullOrEmpty(name) && NamePattern().IsMatch(name);

    public static void ValidateName(string? name, string what)
    {
        if (!IsValidName(name))
            throw new OperationFailedException($"{what} '{Monitor.Shared.Text.TerminalText.Cell(name, 80)}' is not valid: use lower-case letters, digits, '_', '.', '-', starting with a letter or digit", "invalid_argument");
    }

    public static void Validate(StackConfig stack)
    {
        ValidateName(stack.Name, "stack name");
        if (stack.Deploy?.ContainerName is { } container) ValidateName(container, $"stack {stack.Name}: container name");
        if (stack.Build is not null && stack.Repo is null)
            throw new OperationFailedException($"stack {stack.Name} has a [build] but no [repo]; add the repo to build from", "invalid_argument");
        if (stack.Compose is { File: null, Inline: null })
            throw new OperationFailedException($"stack {stack.Name}: [compose] needs `file` (in the repo) or `inline` YAML", "invalid_argument");
        if (stack.Compose?.File is not null && stack.Repo is null)
            throw new OperationFailedException($"stack {stack.Name}: compose file {stack.Compose.File} is in a repo, but the stack has no [repo]", "invalid_argument");
        if (stack.Repo is { } repo && (repo.SshKeyEnv ?? repo.SshKeyFile) is not null && !GitUrl.IsSsh(repo.Url))
            throw new OperationFailedException($"stack {stack.Name}: repo {GitUrl.Redact(repo.Url)} is not an ssh URL, so ssh_key_env/ssh_key_file would not be used; use ssh://user@host/path or user@host:path, or a token for https", "invalid_argument");
        foreach (var port in stack.Deploy?.Ports ?? []) PortSpec.Parse(port, stack.Name);
        Routes.RouteSpecFactory.Validate(stack);
        foreach (var (server, target) in stack.Deploy?.Overrides ?? [])
        {
            if (target.ContainerName is not null) ValidateName(target.ContainerName, $"stack {stack.Name}: container name on {server}");
            foreach (var port in target.Ports ?? []) PortSpec.Parse(port, stack.Name);
        }
    }

    /// <summary>A stack can be deployed when it builds an image, names a prebuilt one, or is a compose project — and has targets.</summary>
    public static void ValidateDeployable(StackConfig stack)
    {
        Validate(stack);
        if (stack.Compose is null && stack.Build is null && string.IsNullOrWhiteSpace(stack.Image))
            throw new OperationFailedException($"stack {stack.Name} cannot be deployed: it has neither a [build] nor an `image`; add a build section (repo + Dockerfile) or a prebuilt image", "invalid_argument");
        if (stack.Deploy is not { Targets.Count: > 0 })
            throw new OperationFailedException($"stack {stack.Name} cannot be deployed: it has no deploy targets; set deploy.targets = [\"server\", ...]", "invalid_argument");
    }
}
