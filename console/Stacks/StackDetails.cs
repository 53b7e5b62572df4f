using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Control.Stacks;

/// <summary>What `stack show` prints: the definition, the latest build and the containers on each target.</summary>
public sealed record StackDetails(StackConfig Stack, BuildRecord? LatestBuild, IReadOnlyList<StackContainerStatus> Containers);
